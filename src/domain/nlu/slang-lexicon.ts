/**
 * Chat Indonesian → standard Indonesian, one token at a time.
 *
 * Why a hand-made table: debtors write `udh tf kmrn`, `sy gk bs byr`, `brp tgl jth tempo`; a stemmer knows none of
 * these, so without this step the classifier would need every spelling in its training data. Values may be several
 * words (`gpp` → `tidak apa apa`) and an empty string drops the token (discourse particles, terms of address).
 * Keys are lowercase and already have runs of 3+ letters collapsed (see `normalize-utterance.ts`).
 */
export const SLANG_LEXICON: Readonly<Record<string, string>> = {
  // pronouns
  sy: 'saya', sya: 'saya', aku: 'saya', ak: 'saya', gw: 'saya', gue: 'saya', gua: 'saya', ane: 'saya', q: 'saya',
  km: 'kamu', kmu: 'kamu', lu: 'kamu', lo: 'kamu', elu: 'kamu', anda: 'kamu', klian: 'kalian',
  // negation
  gk: 'tidak', gak: 'tidak', ga: 'tidak', g: 'tidak', gx: 'tidak', nggak: 'tidak', ngga: 'tidak', nggk: 'tidak', ngk: 'tidak',
  enggak: 'tidak', engga: 'tidak', egk: 'tidak', tdk: 'tidak', tak: 'tidak', ndak: 'tidak', kagak: 'tidak',
  gaada: 'tidak ada', gada: 'tidak ada', gpp: 'tidak apa apa', gapapa: 'tidak apa apa', gausah: 'tidak usah', gusah: 'tidak usah',
  gabisa: 'tidak bisa', gbs: 'tidak bisa', gamau: 'tidak mau', gmau: 'tidak mau', gatau: 'tidak tahu', gtw: 'tidak tahu', gatw: 'tidak tahu',
  bkn: 'bukan', bukn: 'bukan', jgn: 'jangan', jngn: 'jangan', jangn: 'jangan', gjadi: 'tidak jadi',
  // aspect / time
  udh: 'sudah', udah: 'sudah', dah: 'sudah', sdh: 'sudah', sudh: 'sudah', udha: 'sudah', uda: 'sudah', suda: 'sudah',
  blm: 'belum', blom: 'belum', belom: 'belum', lom: 'belum', blum: 'belum',
  skrg: 'sekarang', skg: 'sekarang', skrang: 'sekarang', skr: 'sekarang', skrng: 'sekarang',
  bsk: 'besok', besuk: 'besok', bsok: 'besok', esok: 'besok',
  kmrn: 'kemarin', kmarin: 'kemarin', kemaren: 'kemarin', kmaren: 'kemarin', kmrin: 'kemarin', kmren: 'kemarin',
  td: 'tadi', tdi: 'tadi', ntar: 'nanti', ntr: 'nanti', nnti: 'nanti', nti: 'nanti',
  kpn: 'kapan', kapn: 'kapan', tgl: 'tanggal', tg: 'tanggal', tggl: 'tanggal', tangal: 'tanggal',
  hr: 'hari', hri: 'hari', mgg: 'minggu', mg: 'minggu', bln: 'bulan', thn: 'tahun', th: 'tahun', jth: 'jatuh',
  lg: 'lagi', lgi: 'lagi', lgsg: 'langsung', lsg: 'langsung', sblm: 'sebelum', stlh: 'setelah', abis: 'habis',
  pgi: 'pagi', mlm: 'malam', malem: 'malam', siank: 'siang', pekan: 'minggu',
  // questions
  brp: 'berapa', brapa: 'berapa', berapah: 'berapa', gmn: 'bagaimana', gimana: 'bagaimana', gmna: 'bagaimana', gmana: 'bagaimana',
  bgmn: 'bagaimana', bgm: 'bagaimana', knp: 'kenapa', napa: 'kenapa', knapa: 'kenapa', dmn: 'dimana', dmana: 'dimana', kmn: 'kemana',
  // desire / ability
  pengen: 'ingin', pgn: 'ingin', pingin: 'ingin', pengin: 'ingin', kepengen: 'ingin', pen: 'ingin',
  bs: 'bisa', bsa: 'bisa', hrs: 'harus', mesti: 'harus', msti: 'harus',
  // money / paying
  tf: 'transfer', trf: 'transfer', trnsf: 'transfer', trnsfr: 'transfer', tranfer: 'transfer', trasfer: 'transfer', transper: 'transfer',
  transfet: 'transfer', ditf: 'ditransfer', tfin: 'transfer', byr: 'bayar', bayr: 'bayar', bayarin: 'bayar', dbyr: 'dibayar',
  pinjem: 'pinjam', minjem: 'pinjam', minjam: 'pinjam', ngutang: 'utang', hutang: 'utang', duit: 'uang', doku: 'uang',
  rb: 'ribu', rbu: 'ribu', rebu: 'ribu', ribuan: 'ribu', jta: 'juta', mbangking: 'mbanking',
  lunasin: 'lunasi', ngelunasin: 'lunasi', nyicil: 'cicil', cicilanny: 'cicilannya', tagihanny: 'tagihannya',
  angsuranny: 'angsurannya', rek: 'rekening', rekning: 'rekening', norek: 'nomor rekening', nmr: 'nomor', no: 'nomor',
  diskonin: 'diskon', disc: 'diskon', discount: 'diskon', dc: 'kolektor', debtcollector: 'kolektor',
  // contact
  telp: 'telepon', tlp: 'telepon', tlpn: 'telepon', telpon: 'telepon', tilpon: 'telepon', telfon: 'telepon', tlfn: 'telepon', tel: 'telepon',
  nelpon: 'menelepon', nelp: 'menelepon', nelfon: 'menelepon', ditelp: 'ditelepon', ditelpon: 'ditelepon', ditlp: 'ditelepon', telponan: 'telepon',
  wa: 'whatsapp', wasap: 'whatsapp', whatsap: 'whatsapp', ngechat: 'chat', ngchat: 'chat', chatt: 'chat',
  hubungin: 'hubungi', hubunginn: 'hubungi', sambungin: 'sambungkan', nyambung: 'sambung', bls: 'balas', bales: 'balas', blsn: 'balas',
  // people
  org: 'orang', orgnya: 'orangnya', ortu: 'orang tua', nyokap: 'ibu', bokap: 'ayah', bini: 'istri', laki: 'suami', temen: 'teman',
  temennya: 'temannya', sodara: 'saudara',
  // function words
  yg: 'yang', dgn: 'dengan', dg: 'dengan', utk: 'untuk', untk: 'untuk', krn: 'karena', karna: 'karena', krna: 'karena',
  tp: 'tapi', tpi: 'tapi', jg: 'juga', aja: 'saja', aj: 'saja', sj: 'saja', doang: 'saja', sm: 'sama', ama: 'sama', dr: 'dari', dri: 'dari',
  kl: 'kalau', kalo: 'kalau', klo: 'kalau', klau: 'kalau', trs: 'terus', trus: 'terus', bgt: 'banget', bngt: 'banget', bgd: 'banget',
  dl: 'dulu', dlu: 'dulu', lbh: 'lebih', dpt: 'dapat', dapet: 'dapat', bnyk: 'banyak', byk: 'banyak', msh: 'masih', masi: 'masih',
  sdg: 'sedang', emg: 'memang', emang: 'memang', gitu: 'begitu', gt: 'begitu', gini: 'begini', ato: 'atau', atw: 'atau',
  cm: 'cuma', cuman: 'cuma', sampe: 'sampai', nyampe: 'sampai', pake: 'pakai', pk: 'pakai', dtg: 'datang', dateng: 'datang',
  kyk: 'seperti', kayak: 'seperti', kek: 'seperti', jd: 'jadi', jdi: 'jadi', ad: 'ada', ni: 'ini', tu: 'itu',
  sampean: 'kamu', mksd: 'maksud', mksdnya: 'maksudnya', tlg: 'tolong', tolongin: 'tolong', bantuin: 'bantu', kasi: 'kasih', ksh: 'kasih',
  // thanks / greetings
  makasih: 'terima kasih', makasi: 'terima kasih', maksih: 'terima kasih', mkasih: 'terima kasih', mksh: 'terima kasih', mkasi: 'terima kasih',
  trims: 'terima kasih', trimakasih: 'terima kasih', terimakasih: 'terima kasih', trmksh: 'terima kasih', thx: 'terima kasih',
  thanks: 'terima kasih', thank: 'terima kasih', thanx: 'terima kasih', tq: 'terima kasih', ty: 'terima kasih', tengkyu: 'terima kasih',
  tenkyu: 'terima kasih', makasii: 'terima kasih',
  ok: 'oke', okay: 'oke', okey: 'oke', okeh: 'oke', oce: 'oke', okk: 'oke', hallo: 'halo', helo: 'halo', hello: 'halo', hi: 'hai', hay: 'hai',
  met: 'selamat', slmt: 'selamat', slamat: 'selamat', asslm: 'assalamualaikum', ass: 'assalamualaikum', assalamu: 'assalamualaikum',
  misi: 'permisi', eror: 'error', erorr: 'error',
  // discourse particles and terms of address carry no intent; dropping them keeps features clean
  dong: '', donk: '', deh: '', sih: '', nih: '', tuh: '', lho: '', loh: '', yah: '', ya: '', yaa: '', yak: '', kah: '', kak: '', kakak: '',
  kk: '', ka: '', min: '', mimin: '', gan: '', sis: '', bro: '', sob: '', mas: '', mba: '', mbak: '', om: '', bang: '', bos: '', boss: '',
};

/** Tokens that mean a multiplier right after a number (`500k`, `1,5jt`) but something else elsewhere (`jt` = jatuh tempo). */
export const NUMBER_SUFFIX_LEXICON: Readonly<Record<string, string>> = {
  k: 'ribu', rb: 'ribu', rbu: 'ribu', rebu: 'ribu', ribu: 'ribu', jt: 'juta', jta: 'juta', juta: 'juta', jeti: 'juta',
  m: 'miliar', milyar: 'miliar', miliar: 'miliar', x: 'kali', hr: 'hari', bln: 'bulan', mg: 'minggu', mgg: 'minggu', thn: 'tahun',
};

/** Tokens whose meaning outside a number context differs from the slang table (`jt` alone is "jatuh tempo"). */
export const STANDALONE_LEXICON: Readonly<Record<string, string>> = {
  jt: 'jatuh tempo',
};
