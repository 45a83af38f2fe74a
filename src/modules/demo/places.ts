import type { Ethnicity } from './names.ts';

/** A city a demo debtor lives in: enough to write a plausible address and NIK. */
export interface DemoCity {
  /** As written on an address line: `Kota Bandung`, `Kabupaten Sleman`. */
  readonly name: string;
  /** Four-digit Kemendagri regency code (province + regency), the first four NIK digits. */
  readonly regencyCode: string;
  /** Inclusive postal-code range of the city. */
  readonly postal: readonly [number, number];
  /** `Kecamatan|Kelurahan` pairs that exist in the city. */
  readonly areas: readonly (readonly [string, string])[];
}

export interface DemoProvince {
  /** Kemendagri code, the key into `PROVINCES` in `src/domain/provinces.ts`. */
  readonly code: string;
  /** Population in hundred-thousands (2020 census, rounded): debtors are drawn in proportion. */
  readonly weight: number;
  readonly ethnicities: readonly (readonly [Ethnicity, number])[];
  readonly cities: readonly DemoCity[];
}

/** Parses the compact `Kec|Kel; Kec|Kel` notation used below, which keeps this table readable. */
function areas(spec: string): [string, string][] {
  return spec.split(';').map((pair) => {
    const [kec, kel] = pair.split('|').map((s) => s.trim());
    if (!kec || !kel) throw new Error(`bad area spec "${pair}"`);
    return [kec, kel];
  });
}

function city(name: string, regencyCode: string, postal: [number, number], spec: string): DemoCity {
  return { name, regencyCode, postal, areas: areas(spec) };
}

/**
 * Every one of the 38 provinces, weighted by population so Java dominates as it does in real
 * portfolios while Bali/Nusa Tenggara/Sulawesi (WITA) and Maluku/Papua (WIT) are always present:
 * contact-hour rules differ by zone and the demo must exercise all three.
 */
export const DEMO_PROVINCES: readonly DemoProvince[] = [
  { code: '11', weight: 53, ethnicities: [['melayu', 90], ['javanese', 10]], cities: [
    city('Kota Banda Aceh', '1171', [23111, 23128], 'Baiturrahman|Peuniti; Kuta Alam|Lampulo; Syiah Kuala|Kopelma Darussalam'),
    city('Kota Lhokseumawe', '1173', [24311, 24355], 'Banda Sakti|Kuta Blang; Muara Dua|Cunda'),
  ] },
  { code: '12', weight: 148, ethnicities: [['batak', 50], ['melayu', 20], ['javanese', 15], ['chinese', 15]], cities: [
    city('Kota Medan', '1275', [20111, 20239], 'Medan Baru|Padang Bulan; Medan Johor|Gedung Johor; Medan Petisah|Sei Sikambing D; Medan Sunggal|Tanjung Rejo'),
    city('Kota Pematangsiantar', '1272', [21111, 21151], 'Siantar Barat|Proklamasi; Siantar Utara|Martoba'),
    city('Kabupaten Deli Serdang', '1207', [20351, 20585], 'Percut Sei Tuan|Bandar Khalipah; Lubuk Pakam|Lubuk Pakam Pekan'),
  ] },
  { code: '13', weight: 55, ethnicities: [['minang', 90], ['batak', 5], ['javanese', 5]], cities: [
    city('Kota Padang', '1371', [25111, 25176], 'Padang Utara|Air Tawar Barat; Kuranji|Pasar Ambacang; Koto Tangah|Lubuk Buaya'),
    city('Kota Bukittinggi', '1375', [26111, 26138], 'Guguk Panjang|Benteng Pasar Atas; Mandiangin Koto Selayan|Campago Ipuh'),
  ] },
  { code: '14', weight: 64, ethnicities: [['melayu', 45], ['minang', 20], ['javanese', 20], ['batak', 10], ['chinese', 5]], cities: [
    city('Kota Pekanbaru', '1471', [28111, 28294], 'Tampan|Simpang Baru; Sukajadi|Kampung Melayu; Marpoyan Damai|Sidomulyo Timur'),
    city('Kota Dumai', '1473', [28811, 28826], 'Dumai Kota|Laksamana; Dumai Barat|Purnama'),
  ] },
  { code: '15', weight: 35, ethnicities: [['melayu', 55], ['javanese', 30], ['minang', 10], ['chinese', 5]], cities: [
    city('Kota Jambi', '1571', [36111, 36144], 'Telanaipura|Telanaipura; Jelutung|Jelutung; Kota Baru|Simpang III Sipin'),
  ] },
  { code: '16', weight: 85, ethnicities: [['melayu', 65], ['javanese', 30], ['chinese', 5]], cities: [
    city('Kota Palembang', '1671', [30111, 30267], 'Ilir Timur I|20 Ilir D I; Seberang Ulu I|5 Ulu; Sukarami|Sukabangun; Kemuning|Pipa Reja'),
  ] },
  { code: '17', weight: 20, ethnicities: [['melayu', 60], ['javanese', 30], ['minang', 10]], cities: [
    city('Kota Bengkulu', '1771', [38211, 38229], 'Ratu Agung|Kebun Tebeng; Gading Cempaka|Padang Harapan'),
  ] },
  { code: '18', weight: 90, ethnicities: [['javanese', 60], ['melayu', 25], ['sundanese', 15]], cities: [
    city('Kota Bandar Lampung', '1871', [35111, 35158], 'Tanjung Karang Pusat|Palapa; Kedaton|Sidodadi; Way Halim|Jagabaya II'),
    city('Kota Metro', '1872', [34111, 34129], 'Metro Pusat|Metro; Metro Timur|Iringmulyo'),
  ] },
  { code: '19', weight: 15, ethnicities: [['melayu', 65], ['chinese', 35]], cities: [
    city('Kota Pangkalpinang', '1971', [33111, 33149], 'Taman Sari|Batin Tikal; Gerunggang|Kacang Pedang'),
  ] },
  { code: '21', weight: 21, ethnicities: [['melayu', 40], ['chinese', 20], ['javanese', 20], ['batak', 15], ['minang', 5]], cities: [
    city('Kota Batam', '2171', [29411, 29464], 'Batam Kota|Belian; Lubuk Baja|Lubuk Baja Kota; Sekupang|Tiban Indah'),
    city('Kota Tanjungpinang', '2172', [29111, 29125], 'Tanjungpinang Kota|Kampung Bugis; Bukit Bestari|Dompak'),
  ] },
  { code: '31', weight: 106, ethnicities: [['javanese', 30], ['melayu', 20], ['sundanese', 15], ['chinese', 15], ['batak', 10], ['minang', 5], ['manadonese', 2], ['ambonese', 2], ['bugis', 1]], cities: [
    city('Kota Jakarta Selatan', '3174', [12110, 12970], 'Kebayoran Baru|Gunung; Tebet|Tebet Barat; Pasar Minggu|Pejaten Timur; Cilandak|Lebak Bulus; Mampang Prapatan|Bangka'),
    city('Kota Jakarta Timur', '3175', [13110, 13960], 'Duren Sawit|Pondok Bambu; Jatinegara|Cipinang Besar Utara; Cakung|Pulo Gebang; Kramat Jati|Cililitan'),
    city('Kota Jakarta Barat', '3173', [11110, 11850], 'Kebon Jeruk|Kedoya Utara; Grogol Petamburan|Tanjung Duren Utara; Cengkareng|Kapuk; Palmerah|Slipi'),
    city('Kota Jakarta Utara', '3172', [14110, 14470], 'Kelapa Gading|Kelapa Gading Barat; Tanjung Priok|Sunter Jaya; Penjaringan|Pluit'),
    city('Kota Jakarta Pusat', '3171', [10110, 10730], 'Menteng|Cikini; Tanah Abang|Bendungan Hilir; Kemayoran|Kebon Kosong; Senen|Kwitang'),
  ] },
  { code: '32', weight: 483, ethnicities: [['sundanese', 75], ['javanese', 15], ['melayu', 5], ['chinese', 5]], cities: [
    city('Kota Bandung', '3273', [40111, 40295], 'Coblong|Dago; Cicendo|Pasirkaliki; Buahbatu|Margasari; Antapani|Antapani Kidul; Sukajadi|Pasteur'),
    city('Kota Bekasi', '3275', [17111, 17435], 'Bekasi Selatan|Kayuringin Jaya; Bekasi Barat|Kranji; Rawalumbu|Bojong Rawalumbu; Medan Satria|Harapan Mulya'),
    city('Kota Bogor', '3271', [16111, 16168], 'Bogor Tengah|Paledang; Tanah Sareal|Kebon Pedes; Bogor Barat|Curug Mekar'),
    city('Kota Depok', '3276', [16411, 16519], 'Beji|Kemiri Muka; Pancoran Mas|Depok Jaya; Sukmajaya|Mekarjaya'),
    city('Kabupaten Bandung', '3204', [40311, 40989], 'Baleendah|Andir; Soreang|Pamekaran; Dayeuhkolot|Citeureup'),
    city('Kota Cirebon', '3274', [45111, 45146], 'Kejaksan|Sukapura; Harjamukti|Kalijaga'),
    city('Kota Tasikmalaya', '3278', [46111, 46196], 'Cihideung|Yudanagara; Tawang|Empangsari'),
  ] },
  { code: '33', weight: 365, ethnicities: [['javanese', 95], ['chinese', 5]], cities: [
    city('Kota Semarang', '3374', [50111, 50277], 'Semarang Selatan|Lamper Kidul; Tembalang|Bulusan; Banyumanik|Srondol Wetan; Pedurungan|Tlogosari Kulon'),
    city('Kota Surakarta', '3372', [57111, 57158], 'Laweyan|Sondakan; Banjarsari|Manahan; Jebres|Mojosongo'),
    city('Kabupaten Banyumas', '3302', [53111, 53196], 'Purwokerto Utara|Grendeng; Purwokerto Selatan|Karangklesem'),
    city('Kota Tegal', '3376', [52111, 52143], 'Tegal Timur|Mintaragen; Margadana|Kaligangsa'),
    city('Kota Magelang', '3371', [56111, 56126], 'Magelang Tengah|Kemirirejo; Magelang Utara|Kramat Utara'),
  ] },
  { code: '34', weight: 37, ethnicities: [['javanese', 95], ['chinese', 5]], cities: [
    city('Kota Yogyakarta', '3471', [55111, 55272], 'Gondokusuman|Terban; Umbulharjo|Warungboto; Kotagede|Prenggan; Mergangsan|Wirogunan'),
    city('Kabupaten Sleman', '3404', [55281, 55584], 'Depok|Caturtunggal; Mlati|Sinduadi; Ngaglik|Sardonoharjo'),
    city('Kabupaten Bantul', '3402', [55711, 55791], 'Banguntapan|Baturetno; Sewon|Panggungharjo'),
  ] },
  { code: '35', weight: 407, ethnicities: [['javanese', 90], ['melayu', 5], ['chinese', 5]], cities: [
    city('Kota Surabaya', '3578', [60111, 60299], 'Wonokromo|Ngagel Rejo; Rungkut|Kalirungkut; Tambaksari|Ploso; Sukolilo|Keputih; Gubeng|Airlangga'),
    city('Kota Malang', '3573', [65111, 65149], 'Lowokwaru|Dinoyo; Klojen|Oro-oro Dowo; Blimbing|Purwodadi'),
    city('Kabupaten Sidoarjo', '3515', [61211, 61274], 'Sidoarjo|Magersari; Waru|Tambak Rejo; Taman|Sepanjang'),
    city('Kota Kediri', '3571', [64111, 64139], 'Mojoroto|Bandar Lor; Kota|Semampir'),
    city('Kabupaten Jember', '3509', [68111, 68198], 'Sumbersari|Tegal Gede; Kaliwates|Jember Kidul'),
  ] },
  { code: '36', weight: 119, ethnicities: [['sundanese', 50], ['javanese', 25], ['melayu', 15], ['chinese', 10]], cities: [
    city('Kota Tangerang', '3671', [15111, 15158], 'Cipondoh|Poris Plawad; Karawaci|Bugel; Ciledug|Sudimara Barat'),
    city('Kota Tangerang Selatan', '3674', [15310, 15419], 'Serpong|Lengkong Gudang; Pamulang|Pamulang Barat; Ciputat|Cipayung'),
    city('Kota Serang', '3673', [42111, 42191], 'Serang|Cipare; Cipocok Jaya|Banjar Agung'),
    city('Kota Cilegon', '3672', [42411, 42447], 'Jombang|Jombang Wetan; Cibeber|Kalitimbang'),
  ] },
  { code: '51', weight: 43, ethnicities: [['balinese', 85], ['javanese', 10], ['melayu', 5]], cities: [
    city('Kota Denpasar', '5171', [80111, 80239], 'Denpasar Selatan|Sanur; Denpasar Barat|Padangsambian; Denpasar Timur|Kesiman'),
    city('Kabupaten Badung', '5103', [80351, 80364], 'Kuta|Legian; Kuta Utara|Kerobokan Kelod; Mengwi|Kapal'),
    city('Kabupaten Gianyar', '5104', [80511, 80582], 'Ubud|Ubud; Gianyar|Beng'),
  ] },
  { code: '52', weight: 53, ethnicities: [['melayu', 80], ['balinese', 10], ['javanese', 10]], cities: [
    city('Kota Mataram', '5271', [83111, 83136], 'Ampenan|Ampenan Selatan; Cakranegara|Cakranegara Barat; Selaparang|Rembiga'),
    city('Kota Bima', '5272', [84111, 84119], 'Rasanae Barat|Paruga; Mpunda|Penatoi'),
  ] },
  { code: '53', weight: 53, ethnicities: [['timor', 85], ['melayu', 10], ['javanese', 5]], cities: [
    city('Kota Kupang', '5371', [85111, 85239], 'Oebobo|Oebobo; Kelapa Lima|Oesapa; Maulafa|Penfui'),
    city('Kabupaten Sikka', '5310', [86111, 86183], 'Alok|Kota Uneng; Alok Timur|Waioti'),
  ] },
  { code: '61', weight: 54, ethnicities: [['melayu', 45], ['chinese', 25], ['javanese', 20], ['timor', 10]], cities: [
    city('Kota Pontianak', '6171', [78111, 78244], 'Pontianak Kota|Sungai Bangkong; Pontianak Selatan|Benua Melayu Darat; Pontianak Barat|Sungai Jawi Luar'),
    city('Kota Singkawang', '6172', [79111, 79163], 'Singkawang Barat|Pasiran; Singkawang Tengah|Roban'),
  ] },
  { code: '62', weight: 27, ethnicities: [['melayu', 50], ['javanese', 35], ['timor', 15]], cities: [
    city('Kota Palangka Raya', '6271', [73111, 73229], 'Jekan Raya|Palangka; Pahandut|Langkai'),
  ] },
  { code: '63', weight: 41, ethnicities: [['melayu', 75], ['javanese', 25]], cities: [
    city('Kota Banjarmasin', '6371', [70111, 70249], 'Banjarmasin Tengah|Antasan Besar; Banjarmasin Utara|Sungai Miai; Banjarmasin Selatan|Kelayan Barat'),
    city('Kota Banjarbaru', '6372', [70711, 70724], 'Banjarbaru Utara|Loktabat Utara; Landasan Ulin|Guntung Payung'),
  ] },
  { code: '64', weight: 38, ethnicities: [['javanese', 35], ['bugis', 25], ['melayu', 25], ['chinese', 5], ['timor', 10]], cities: [
    city('Kota Samarinda', '6472', [75111, 75251], 'Samarinda Ulu|Air Hitam; Sungai Pinang|Temindung Permai; Samarinda Kota|Bugis'),
    city('Kota Balikpapan', '6471', [76111, 76136], 'Balikpapan Kota|Klandasan Ilir; Balikpapan Selatan|Sepinggan; Balikpapan Utara|Batu Ampar'),
  ] },
  { code: '65', weight: 7, ethnicities: [['bugis', 30], ['melayu', 30], ['javanese', 20], ['timor', 20]], cities: [
    city('Kota Tarakan', '6571', [77111, 77126], 'Tarakan Barat|Karang Anyar; Tarakan Tengah|Sebengkok'),
  ] },
  { code: '71', weight: 26, ethnicities: [['manadonese', 85], ['melayu', 10], ['chinese', 5]], cities: [
    city('Kota Manado', '7171', [95111, 95259], 'Wenang|Wenang Utara; Malalayang|Malalayang Satu; Sario|Sario Tumpaan; Tikala|Banjer'),
    city('Kota Bitung', '7172', [95511, 95545], 'Maesa|Bitung Tengah; Girian|Girian Weru'),
    city('Kota Tomohon', '7173', [95411, 95445], 'Tomohon Tengah|Kolongan; Tomohon Utara|Kakaskasen'),
  ] },
  { code: '72', weight: 30, ethnicities: [['bugis', 35], ['melayu', 45], ['manadonese', 10], ['javanese', 10]], cities: [
    city('Kota Palu', '7271', [94111, 94239], 'Palu Barat|Ujuna; Palu Timur|Besusu Barat; Mantikulore|Talise'),
  ] },
  { code: '73', weight: 91, ethnicities: [['bugis', 85], ['javanese', 5], ['chinese', 5], ['melayu', 5]], cities: [
    city('Kota Makassar', '7371', [90111, 90245], 'Panakkukang|Pandang; Rappocini|Gunung Sari; Tamalanrea|Tamalanrea Indah; Mariso|Lette; Biringkanaya|Daya'),
    city('Kota Parepare', '7372', [91111, 91133], 'Bacukiki|Lumpue; Ujung|Labukkang'),
    city('Kabupaten Gowa', '7306', [92111, 92191], 'Somba Opu|Sungguminasa; Pallangga|Mangalli'),
  ] },
  { code: '74', weight: 26, ethnicities: [['bugis', 40], ['melayu', 45], ['javanese', 15]], cities: [
    city('Kota Kendari', '7471', [93111, 93232], 'Kadia|Bende; Mandonga|Wawombalata; Poasia|Anduonohu'),
  ] },
  { code: '75', weight: 12, ethnicities: [['melayu', 90], ['manadonese', 10]], cities: [
    city('Kota Gorontalo', '7571', [96111, 96138], 'Kota Tengah|Wumialo; Dungingi|Libuo'),
  ] },
  { code: '76', weight: 14, ethnicities: [['bugis', 70], ['melayu', 30]], cities: [
    city('Kabupaten Mamuju', '7602', [91511, 91571], 'Mamuju|Binanga; Simboro|Simboro'),
  ] },
  { code: '81', weight: 18, ethnicities: [['ambonese', 85], ['bugis', 10], ['javanese', 5]], cities: [
    city('Kota Ambon', '8171', [97111, 97239], 'Sirimau|Batu Merah; Nusaniwe|Benteng; Baguala|Passo'),
    city('Kota Tual', '8172', [97611, 97661], 'Dullah Selatan|Masrum; Dullah Utara|Tamedan'),
  ] },
  { code: '82', weight: 13, ethnicities: [['ambonese', 30], ['melayu', 60], ['manadonese', 10]], cities: [
    city('Kota Ternate', '8271', [97711, 97729], 'Ternate Tengah|Gamalama; Ternate Selatan|Kalumpang'),
    city('Kota Tidore Kepulauan', '8272', [97811, 97823], 'Tidore|Gamtufkange; Tidore Selatan|Tomalou'),
  ] },
  { code: '91', weight: 10, ethnicities: [['papuan', 75], ['javanese', 10], ['bugis', 10], ['ambonese', 5]], cities: [
    city('Kota Jayapura', '9171', [99111, 99225], 'Jayapura Utara|Gurabesi; Abepura|Kota Baru; Heram|Waena'),
    city('Kabupaten Jayapura', '9103', [99351, 99359], 'Sentani|Hinekombe; Sentani Timur|Nolokla'),
  ] },
  { code: '92', weight: 6, ethnicities: [['papuan', 75], ['javanese', 10], ['bugis', 10], ['ambonese', 5]], cities: [
    city('Kabupaten Manokwari', '9202', [98311, 98316], 'Manokwari Barat|Sanggeng; Manokwari Timur|Pasir Sebelah'),
  ] },
  { code: '93', weight: 5, ethnicities: [['papuan', 70], ['javanese', 20], ['bugis', 10]], cities: [
    city('Kabupaten Merauke', '9301', [99611, 99616], 'Merauke|Maro; Merauke|Kelapa Lima'),
  ] },
  { code: '94', weight: 13, ethnicities: [['papuan', 75], ['javanese', 10], ['bugis', 10], ['ambonese', 5]], cities: [
    city('Kabupaten Nabire', '9401', [98811, 98818], 'Nabire|Oyehe; Nabire|Karang Mulia'),
    city('Kabupaten Mimika', '9404', [99910, 99971], 'Mimika Baru|Kwamki; Mimika Baru|Timika Jaya'),
  ] },
  { code: '95', weight: 14, ethnicities: [['papuan', 90], ['bugis', 5], ['javanese', 5]], cities: [
    city('Kabupaten Jayawijaya', '9501', [99511, 99518], 'Wamena|Wamena Kota; Wamena|Sinakma'),
  ] },
  { code: '96', weight: 6, ethnicities: [['papuan', 65], ['ambonese', 10], ['bugis', 15], ['javanese', 10]], cities: [
    city('Kota Sorong', '9671', [98411, 98418], 'Sorong|Remu Utara; Sorong Timur|Klawuyuk'),
  ] },
];

/** Street names found in nearly every Indonesian city. */
export const STREETS: readonly string[] = [
  'Sudirman', 'Merdeka', 'Diponegoro', 'Ahmad Yani', 'Gatot Subroto', 'Pahlawan', 'Melati', 'Mawar', 'Kenanga', 'Flamboyan',
  'Cempaka', 'Anggrek', 'Imam Bonjol', 'Hasanuddin', 'Teuku Umar', 'Cut Nyak Dien', 'Kartini', 'Gajah Mada', 'Hayam Wuruk',
  'Pemuda', 'Veteran', 'Sisingamangaraja', 'Pattimura', 'Sam Ratulangi', 'Dr. Wahidin', 'Ki Hajar Dewantara', 'Raya Pasar',
  'Kebon Jeruk', 'Mangga Dua', 'Pelita', 'Cendrawasih', 'Garuda', 'Rajawali', 'Nusantara', 'Sukarno-Hatta', 'Perintis Kemerdekaan',
  'Bhayangkara', 'Sultan Agung', 'Jenderal Sudirman', 'Kapten Tendean', 'Dahlia', 'Teratai', 'Nangka', 'Durian', 'Manggis',
];

export const HOUSING_ESTATES: readonly string[] = [
  'Perum Griya Asri', 'Perumahan Bumi Indah', 'Perum Taman Sari', 'Perumahan Citra Raya', 'Perum Graha Permai', 'Komplek Villa Mutiara',
];
