export { audit, auditMany, verifyAuditChain, SYSTEM_ACTOR, type Actor, type AuditEntry, type AuditVerification } from './service.ts';
