/**
 * Every sentence the debtor assistant can say, as data, so compliance can read them and a test can lint them all.
 *
 * `audience: 'public'` replies may go to anyone, including an unverified person or a third party holding the
 * debtor's phone: they carry no name, amount, date, account number or reference. `verified` replies carry account
 * details and may only be sent after identity verification; the engine and the service both enforce this.
 *
 * Tone: empathetic, never pressing (POJK 22/2023 art. 62). Each rendered message also gets a footer naming the
 * creditor and saying how to stop messages (see `renderReply`), so every reply passes the full template lint.
 */
export const REPLY_PLACEHOLDERS = [
  'name',
  'amount',
  'due_date',
  'promise_date',
  'va_number',
  'account_no',
  'reference',
  'sla_date',
  'min_amount',
  'max_date',
  'attempts_left',
  'channels',
] as const;
export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];

export type ReplyAudience = 'public' | 'verified';

interface ReplyTemplate {
  readonly audience: ReplyAudience;
  readonly text: string;
}

const pub = (text: string): ReplyTemplate => ({ audience: 'public', text });
const ver = (text: string): ReplyTemplate => ({ audience: 'verified', text });

export const REPLY_CATALOG = {
  greeting: pub('Halo, terima kasih sudah menghubungi kami. Saya asisten virtual yang siap membantu 24 jam: informasi tagihan, jatuh tempo, cara pembayaran, janji bayar, pengajuan keringanan, atau menyambungkan Anda dengan petugas.'),
  greeting_verified: ver('Halo {{name}}, ada yang bisa saya bantu hari ini?'),
  ask_account: pub('Untuk menjaga kerahasiaan data, mohon kirim nomor kontrak atau nomor rekening pinjaman Anda terlebih dahulu.'),
  account_not_found: pub('Maaf, nomor tersebut belum dapat kami temukan. Mohon periksa kembali nomor kontrak Anda. Sisa percobaan: {{attempts_left}}.'),
  ask_identity: pub('Demi keamanan data Anda, mohon kirim tanggal lahir dan 4 digit terakhir NIK Anda dalam satu pesan, contoh: 17-08-1985 1234.'),
  identity_format: pub('Maaf, saya belum menangkap formatnya. Mohon kirim tanggal lahir (hari-bulan-tahun) dan 4 digit terakhir NIK, contoh: 17-08-1985 1234.'),
  identity_failed: pub('Maaf, data yang Anda kirim belum cocok dengan data kami. Silakan coba lagi dengan teliti. Sisa percobaan: {{attempts_left}}.'),
  identity_locked: pub('Demi keamanan, verifikasi melalui chat kami tutup sementara karena terlalu banyak percobaan yang belum cocok. Tim kami akan meninjaunya. Ketik AGEN bila Anda ingin dibantu petugas.'),
  identity_unavailable: pub('Maaf, verifikasi melalui chat belum dapat dilakukan untuk data ini. Ketik AGEN agar petugas kami membantu Anda.'),
  verified: ver('Terima kasih {{name}}, identitas Anda sudah terverifikasi.'),
  verified_menu: ver('Ada yang bisa saya bantu? Anda dapat menanyakan sisa tagihan, jatuh tempo, cara pembayaran, membuat janji bayar, atau mengajukan keringanan.'),

  balance: ver('Sisa tagihan kontrak {{account_no}} saat ini {{amount}}.'),
  due_date: ver('Tagihan kontrak {{account_no}} berikutnya sebesar {{amount}} jatuh tempo pada {{due_date}}.'),
  no_due: ver('Kontrak {{account_no}} tidak memiliki tagihan yang jatuh tempo saat ini. Terima kasih.'),
  payment_va: ver('Anda dapat membayar kontrak {{account_no}} melalui transfer ke Virtual Account {{va_number}} dari ATM, mobile banking, atau internet banking. Pembayaran tercatat otomatis.'),
  payment_no_va: ver('Untuk kontrak {{account_no}}, petugas kami akan membantu mengirimkan instruksi pembayaran. Ketik AGEN bila ingin dibantu sekarang.'),

  ptp_ask: ver('Terima kasih atas itikad baik Anda. Kapan dan berapa yang dapat Anda bayarkan? Contoh: "tanggal 25 bayar 500 ribu".'),
  ptp_ask_date: ver('Baik. Kapan Anda dapat melakukan pembayaran tersebut? Contoh: "besok" atau "tanggal 25".'),
  ptp_ask_amount: ver('Baik. Berapa jumlah yang dapat Anda bayarkan pada tanggal tersebut? Contoh: "500 ribu".'),
  ptp_confirm: ver('Saya catat janji bayar {{amount}} pada {{promise_date}} untuk kontrak {{account_no}}. Apakah sudah benar? Balas YA untuk konfirmasi atau TIDAK untuk mengubah.'),
  ptp_created: ver('Terima kasih, janji bayar Anda sebesar {{amount}} pada {{promise_date}} sudah tercatat. Kami akan mengirimkan pengingat sebelum tanggal tersebut.'),
  ptp_date_past: ver('Tanggal tersebut sudah lewat. Mohon pilih tanggal mulai hari ini.'),
  ptp_date_too_far: ver('Mohon maaf, janji bayar melalui chat paling lambat {{max_date}}. Bila Anda membutuhkan waktu lebih lama, Anda dapat mengajukan keringanan dengan mengetik KERINGANAN.'),
  ptp_amount_too_low: ver('Jumlah minimal untuk janji bayar adalah {{min_amount}}. Bila jumlah tersebut terasa berat, Anda dapat mengajukan keringanan dengan mengetik KERINGANAN.'),
  ptp_amount_too_high: ver('Jumlah tersebut melebihi sisa tagihan Anda ({{amount}}). Mohon kirim jumlah yang sesuai.'),
  ptp_refused: ver('Mohon maaf, janji bayar ini belum dapat kami catat secara otomatis. Ketik AGEN agar petugas kami membantu Anda.'),
  ptp_already_pending: ver('Anda sudah memiliki janji bayar sebesar {{amount}} pada {{promise_date}}. Bila ingin mengubahnya, ketik AGEN agar petugas membantu.'),

  restructure_ask_reason: ver('Saya mengerti ini situasi yang sulit, dan kami ingin membantu mencari jalan keluar bersama. Boleh ceritakan singkat alasan Anda kesulitan membayar?'),
  restructure_ask_amount: ver('Terima kasih sudah bercerita. Berapa kira-kira cicilan per bulan yang sanggup Anda bayar? Contoh: "300 ribu".'),
  restructure_created: ver('Pengajuan keringanan Anda dengan cicilan {{amount}} per bulan sudah kami terima dengan nomor {{reference}} dan akan ditinjau tim kami. Kami akan mengabari Anda paling lambat {{sla_date}}.'),
  settlement_ask_amount: ver('Kami dapat meneruskan pengajuan pelunasan Anda untuk ditinjau. Berapa jumlah yang sanggup Anda bayarkan sekaligus? Contoh: "2 juta".'),
  settlement_created: ver('Pengajuan pelunasan Anda sebesar {{amount}} sudah kami terima dengan nomor {{reference}}. Keputusan ada pada tim kami dan akan kami kabarkan paling lambat {{sla_date}}. Mohon tunggu persetujuan tertulis sebelum membayar dengan jumlah tersebut.'),
  ask_amount_again: ver('Maaf, saya belum menangkap jumlahnya. Mohon tulis nominalnya, contoh: "500 ribu" atau "1,5 juta".'),

  paid_ask_proof: ver('Terima kasih atas informasinya. Mohon kirim detail pembayaran Anda: tanggal, jumlah, dan bank atau nomor referensi transfer.'),
  paid_trace_opened: ver('Terima kasih. Kami sudah membuka pengecekan pembayaran dengan nomor {{reference}}. Tim kami akan menelusurinya dan memberi kabar paling lambat {{sla_date}}.'),

  dispute_ask_detail: ver('Mohon maaf atas ketidaknyamanannya. Boleh jelaskan bagian mana dari tagihan yang menurut Anda tidak sesuai?'),
  complaint_ask_detail: ver('Mohon maaf atas pengalaman yang kurang menyenangkan. Boleh ceritakan apa yang terjadi? Keluhan Anda akan kami tindak lanjuti.'),
  dispute_opened: ver('Terima kasih, sanggahan Anda sudah kami catat dengan nomor referensi {{reference}}. Selama ditinjau, penagihan untuk akun ini kami hentikan sementara. Kami akan memberi jawaban paling lambat {{sla_date}}.'),
  complaint_opened: ver('Terima kasih, keluhan Anda sudah kami catat dengan nomor referensi {{reference}}. Selama ditinjau, penagihan untuk akun ini kami hentikan sementara. Kami akan memberi jawaban paling lambat {{sla_date}}.'),

  stop_ask_channel: pub('Melalui saluran apa Anda tidak ingin kami hubungi lagi? Ketik SMS, WHATSAPP, TELEPON, EMAIL, atau SEMUA.'),
  stop_done: pub('Baik, permintaan Anda sudah kami catat. Kami tidak akan menghubungi Anda lagi melalui {{channels}}. Anda tetap dapat menghubungi kami kapan saja.'),

  handoff_done: pub('Baik, saya sambungkan Anda dengan petugas kami. Mohon tunggu sebentar, petugas akan membalas di percakapan ini.'),

  third_party_offer: pub('Terima kasih atas informasinya, dan mohon maaf atas ketidaknyamanannya. Karena alasan kerahasiaan, kami hanya dapat berbicara langsung dengan orang yang bersangkutan. Ketik 1 bila ingin kami meminta orang tersebut menghubungi kami kembali, atau ketik 2 bila nomor ini bukan lagi miliknya agar kami tidak menghubungi nomor ini lagi.'),
  third_party_callback_done: pub('Baik, permintaan telah kami catat. Terima kasih atas bantuan Anda.'),
  third_party_wrong_number_done: pub('Baik, nomor ini sudah kami catat agar tidak dihubungi lagi. Mohon maaf atas ketidaknyamanannya dan terima kasih.'),

  cancelled: pub('Baik, tidak apa-apa. Ada lagi yang bisa saya bantu?'),
  out_of_scope: pub('Maaf, saya belum bisa membantu untuk hal itu. Saya bisa membantu soal tagihan, jatuh tempo, cara pembayaran, janji bayar, keringanan, atau menyambungkan Anda dengan petugas (ketik AGEN).'),
  thanks_bye: pub('Sama-sama, terima kasih sudah menghubungi kami. Semoga hari Anda menyenangkan.'),
  bad_input_empty: pub('Sepertinya pesan Anda kosong. Silakan ketik pertanyaan Anda, misalnya "berapa tagihan saya".'),
  bad_input_too_long: pub('Maaf, pesan Anda terlalu panjang untuk saya proses. Mohon kirim pesan yang lebih singkat.'),
  bad_input_unreadable: pub('Maaf, saya tidak dapat membaca pesan tersebut. Mohon kirim pesan dalam bentuk teks biasa.'),
} as const satisfies Record<string, ReplyTemplate>;

export type ReplyKey = keyof typeof REPLY_CATALOG;
export const REPLY_KEYS = Object.keys(REPLY_CATALOG) as ReplyKey[];

/** True when the reply may be shown to someone whose identity is not verified. */
export function isPublicReply(key: ReplyKey): boolean {
  return REPLY_CATALOG[key].audience === 'public';
}
