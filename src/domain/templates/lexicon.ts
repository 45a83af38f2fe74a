/**
 * What a collection message must never say. POJK 22/2023 art. 62 forbids threats, violence,
 * humiliation and pressure, and contacting anyone but the consumer; Reg F / FDCPA forbid the
 * same in English. Kept as data so compliance can read and extend it.
 */
export const LINT_RULES = [
  'threat_criminal',
  'threat_violence',
  'insult',
  'shaming',
  'third_party_disclosure',
  'missing_creditor_identity',
  'missing_opt_out',
] as const;
export type LintRule = (typeof LINT_RULES)[number];

export type LexiconRule = Extract<LintRule, 'threat_criminal' | 'threat_violence' | 'insult' | 'shaming' | 'third_party_disclosure'>;

/**
 * One forbidden expression. `inflect` lets Indonesian affixes attach to the stem
 * (`ancam` → `mengancam`, `diancam`, `ancaman`); phrases are matched word by word with any
 * spacing. Nasal-assimilated forms the affix rule cannot build (`memenjarakan`,
 * `menyebarkan`) are listed as their own entries.
 */
export interface LexiconEntry {
  readonly rule: LexiconRule;
  readonly term: string;
  readonly inflect?: boolean;
}

const id = (rule: LexiconRule, terms: readonly string[], inflect = true): LexiconEntry[] => terms.map((term) => ({ rule, term, inflect }));
const en = (rule: LexiconRule, terms: readonly string[]): LexiconEntry[] => terms.map((term) => ({ rule, term, inflect: false }));

export const LEXICON: readonly LexiconEntry[] = [
  // Indonesian — criminal threats (debt is a civil matter; invoking police or prison is intimidation).
  // Not `tangkap` (tangkapan layar = screenshot) nor `laporkan` (laporkan pembayaran).
  ...id('threat_criminal', ['polisi', 'penjara', 'pidana', 'kriminal', 'bui', 'jeruji']),
  ...id('threat_criminal', ['ditangkap', 'penangkapan', 'memenjarakan', 'lapor polisi', 'lapor ke polisi', 'proses hukum pidana', 'ranah pidana', 'delik penipuan', 'pasal penipuan', 'kasus penipuan'], false),
  // Indonesian — violence and coercive visits.
  // `pukul` alone is "o'clock" and `kecelakaan` an accident: only the violent forms are listed.
  ...id('threat_violence', ['ancam', 'bunuh', 'hajar', 'bacok', 'habisi', 'aniaya', 'gebuk']),
  ...id('threat_violence', ['memukul', 'dipukul', 'pukuli', 'dipukuli', 'celaka kamu', 'celakakan', 'sita paksa', 'mati kau', 'mampus', 'datangi rumah', 'mendatangi rumah', 'geruduk', 'menggeruduk', 'debt collector akan datang', 'tim lapangan akan datang', 'jemput paksa', 'tanggung akibatnya', 'awas kamu', 'awas kau'], false),
  // Indonesian — insults.
  ...id('insult', ['bodoh', 'tolol', 'goblok', 'bego', 'idiot', 'dungu', 'anjing', 'bangsat', 'bajingan', 'brengsek', 'babi', 'monyet', 'kampret', 'sialan', 'tai', 'miskin', 'gembel', 'penipu', 'maling', 'pencuri', 'kurang ajar', 'tidak tahu diri', 'tak tahu malu', 'muka tembok'], false),
  // Indonesian — shaming and public exposure.
  // Not `umumkan` alone: lenders legitimately announce office closures.
  ...id('shaming', ['malu', 'permalukan', 'aib', 'viral', 'sebar']),
  ...id('shaming', ['mempermalukan', 'menyebar', 'menyebarkan', 'sebar data', 'umumkan nama', 'umumkan data', 'pajang foto', 'pajang data', 'data anda akan disebar', 'media sosial', 'medsos', 'grup whatsapp', 'daftar hitam publik'], false),
  // Indonesian — telling third parties about the debt.
  ...id('third_party_disclosure', ['tetangga', 'atasan', 'majikan', 'mertua', 'rekan kerja']),
  ...id('third_party_disclosure', ['kantor anda', 'kantor kamu', 'tempat kerja anda', 'keluarga anda akan', 'kontak darurat akan dihubungi', 'kontak darurat anda akan', 'hubungi kontak darurat', 'seluruh kontak'], false),
  // English.
  ...en('threat_criminal', ['police', 'jail', 'prison', 'arrest', 'arrested', 'criminal', 'crime', 'fraud charges', 'press charges', 'warrant']),
  ...en('threat_violence', ['kill', 'hurt you', 'beat you', 'break your', 'you will regret', 'or else', 'we know where you live', 'come to your house', 'visit your home', 'seize your', 'threaten']),
  ...en('insult', ['stupid', 'idiot', 'moron', 'loser', 'deadbeat', 'scum', 'bastard', 'liar', 'thief', 'worthless', 'pathetic']),
  ...en('shaming', ['shame', 'ashamed', 'embarrass', 'embarrassing', 'humiliate', 'expose you', 'go viral', 'social media', 'publicly', 'post your']),
  ...en('third_party_disclosure', ['your neighbors', 'your neighbours', 'your employer', 'your boss', 'your coworkers', 'your colleagues', 'your family will', 'your references', 'emergency contacts will']),
];

/** Indonesian prefixes that may precede an inflectable stem (`se-` excluded: `semalu`). */
export const ID_PREFIXES = ['di', 'ter', 'ke', 'me', 'mem', 'men', 'meng', 'meny', 'ber', 'per', 'diper', 'memper'] as const;
/** Indonesian suffixes and clitics, any combination (`ancamannya`, `laporkanlah`). */
export const ID_SUFFIXES = ['kan', 'an', 'i', 'nya', 'lah', 'kah', 'mu', 'ku'] as const;
