-- Reconciliation reads, per statement, the accounts expecting a line's amount near its date and their debtors'
-- names (~100 candidates a line). Covering both lookups lets them run as index-only scans (no heap visit per
-- candidate): the expected-instalment index carries what a candidate needs, and the debtor's name rides on an index
-- by id. The covering index replaces accounts_installment_due_idx (same keys and predicate).
create index accounts_expected_cover_idx on accounts (installment_idr, oldest_unpaid_due_date)
  include (id, debtor_id, account_no, va_number, outstanding_idr) where status = 'active';
drop index accounts_installment_due_idx;
create index debtors_id_name_idx on debtors (id) include (full_name);
