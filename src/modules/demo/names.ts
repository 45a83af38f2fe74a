import type { Rng } from './prng.ts';

/** Naming traditions the demo draws from; each region has its own shape of name. */
export const ETHNICITIES = [
  'javanese', 'sundanese', 'batak', 'minang', 'bugis', 'balinese', 'chinese', 'papuan', 'ambonese', 'manadonese', 'timor', 'melayu',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];
export type Sex = 'M' | 'F';

interface NamePool {
  readonly male: readonly string[];
  readonly female: readonly string[];
  /** Family names (marga, fam) or, where there are none, second given names. */
  readonly lastMale: readonly string[];
  readonly lastFemale: readonly string[];
}

const w = (s: string): string[] => s.split(',').map((x) => x.trim());

const POOLS: Record<Exclude<Ethnicity, 'balinese'>, NamePool> = {
  javanese: {
    male: w('Bambang, Slamet, Agus, Joko, Budi, Eko, Heru, Sugeng, Wahyu, Teguh, Bayu, Dwi, Tri, Hari, Yudi, Suryo, Rahmat, Adi'),
    female: w('Sri, Dwi, Endang, Siti, Tri, Sumarni, Wahyu, Retno, Ratna, Dewi, Kartika, Ayu, Lestari, Suci, Yuli, Rini'),
    lastMale: w('Sutrisno, Wibowo, Santoso, Purnomo, Susilo, Prasetyo, Nugroho, Setiawan, Hidayat, Saputro, Widodo, Kurniawan, Pamungkas, Raharjo, Wicaksono'),
    lastFemale: w('Wahyuni, Lestari, Rahayu, Handayani, Suryani, Kusumawati, Puspitasari, Wulandari, Utami, Ningsih, Rahmawati, Susanti'),
  },
  sundanese: {
    male: w('Asep, Ujang, Dadang, Cecep, Dede, Yayan, Engkus, Iwan, Rudi, Agus, Deden, Ade, Wawan, Yana'),
    female: w('Euis, Neng, Iis, Imas, Cucu, Yeni, Rina, Lilis, Tati, Nining, Eneng, Rika, Wiwin'),
    lastMale: w('Saepudin, Hermawan, Sopyan, Supriatna, Kurniawan, Hidayat, Sumarna, Permana, Sunandar, Rustandi, Gunawan, Ruhiyat'),
    lastFemale: w('Rohaeni, Nurhayati, Komalasari, Sulastri, Rosita, Kartika, Hasanah, Rostika, Nurjanah, Setiawati'),
  },
  batak: {
    male: w('Martua, Parlindungan, Hotman, Sahat, Togar, Roy, Jhonson, Binsar, Rudolf, Ferdinand, Poltak, Maruli, Bonar, Saut'),
    female: w('Rotua, Tiurma, Rosmawati, Lusiana, Dameria, Sondang, Romauli, Nurhayati, Erna, Lamtiur, Megawati'),
    lastMale: w('Siregar, Nasution, Simanjuntak, Hutapea, Sitompul, Panjaitan, Sinaga, Pardede, Situmorang, Lubis, Harahap, Sihombing, Manurung, Silalahi, Tambunan, Simatupang, Sitorus, Hutagalung, Nainggolan, Purba'),
    lastFemale: [],
  },
  minang: {
    male: w('Rizal, Fauzan, Yusrizal, Nofriadi, Hendri, Afrizal, Zulkifli, Syafrudin, Irwan, Fadli, Zulfikar, Yuhendri'),
    female: w('Rahmi, Yulia, Desi, Nofrita, Yusnimar, Fitri, Mardiana, Elfi, Rosmaini, Ratna, Yelni, Rahmadani'),
    lastMale: w('Syahputra, Effendi, Chaniago, Piliang, Tanjung, Koto, Sikumbang, Jambak, Datuak, Malik, Rasyid'),
    lastFemale: w('Yanti, Warni, Sari, Susanti, Yenti, Elvira, Novita, Fitriani, Syofyan'),
  },
  bugis: {
    male: w('Muhammad, Ahmad, Syamsul, Baso, Arifin, Hasan, Sudirman, Rusdi, Ilham, Irwan, Ambo, Muh.'),
    female: w('Nurul, Hasnah, Sitti, Nurhayati, Rahmawati, Hasmiah, Ratna, Mirnawati, Tenri, Nurhaedah, Jumriani'),
    lastMale: w('Syamsuddin, Hasanuddin, Rahman, Latif, Rasyid, Amiruddin, Baharuddin, Jufri, Mattalatta, Makkasau, Sampara, Daeng Ngalle'),
    lastFemale: w('Bahria, Hasniati, Nurjannah, Rahmatia, Syamsiah, Daeng Kebo, Wahyuni'),
  },
  chinese: {
    male: w('Hendra, Budi, Yohanes, Felix, Kevin, Steven, Andreas, Wilson, Hartono, Sugianto, Ricky, Jimmy, Antonius, Handoko'),
    female: w('Melinda, Jessica, Vivian, Lili, Susanti, Meiliana, Yenny, Linda, Cindy, Stephanie, Monica, Angela'),
    lastMale: w('Wijaya, Halim, Gunawan, Santoso, Tanuwijaya, Salim, Hartanto, Kurniawan, Setiadi, Lim, Tan, Sutanto, Wibisono, Chandra, Tjandra, Lie'),
    lastFemale: [],
  },
  papuan: {
    male: w('Yohanis, Markus, Yakob, Niko, Petrus, Yulius, Elias, Simon, Benny, Frans, Otniel, Yance'),
    female: w('Maria, Yuliana, Martha, Ester, Debora, Agustina, Beatrix, Ruth, Naomi, Yosina, Fransina'),
    lastMale: w('Wenda, Rumbiak, Yoku, Kambu, Mandowen, Wonda, Ayomi, Rumkorem, Kogoya, Tabuni, Wanimbo, Krey, Rumaropen, Mofu, Karubaba, Ohee, Hamadi, Itlay'),
    lastFemale: [],
  },
  ambonese: {
    male: w('Johanis, Frans, Marthen, Jacob, Ronald, Alfons, Semuel, Abdul, Husein, Ferry, Julius'),
    female: w('Maria, Elisabeth, Novita, Selvi, Christina, Yolanda, Margaretha, Paula, Fatima, Nona'),
    lastMale: w('Pattiasina, Leimena, Tuhumury, Manuputty, Sahetapy, Latuconsina, Tuasikal, Ohorella, Marasabessy, Pattinama, Matulessy, Siahaya, Wattimena, Lewerissa, Nanlohy'),
    lastFemale: [],
  },
  manadonese: {
    male: w('Jefry, Stenly, Meidy, Frangky, Vicky, Ronny, Deddy, Jerry, Noldy, Alfrets, Hendrik, Sonny'),
    female: w('Meity, Vivi, Silvana, Grace, Jeane, Olivia, Natalia, Lenny, Marlin, Feibe, Injilia'),
    lastMale: w('Wuisan, Lumenta, Rondonuwu, Sumampouw, Tumbelaka, Pangemanan, Mandagi, Kalalo, Lapian, Mamahit, Rumengan, Sondakh, Supit, Tambuwun, Wowor, Kawengian, Lengkong, Pontoh, Karundeng'),
    lastFemale: [],
  },
  timor: {
    male: w('Yohanes, Fransiskus, Agustinus, Yosef, Dominikus, Mikhael, Paulus, Kornelis, Marselinus, Aloysius'),
    female: w('Maria, Yuliana, Theresia, Anastasia, Florida, Elisabeth, Veronika, Sesilia, Yasinta, Imelda'),
    lastMale: w('Bria, Ndun, Lado, Seran, Tefa, Nahak, Fanggidae, Manafe, Benu, Ratu, Pah, Kolo, Nenobais, Parera, Da Silva'),
    lastFemale: [],
  },
  melayu: {
    male: w('Muhammad, Ahmad, Rudi, Hendra, Fajar, Rizki, Dimas, Arif, Yusuf, Taufik, Hadi, Irfan, Reza, Faisal, Zainal, Syahrul'),
    female: w('Siti, Nur, Dewi, Fitri, Putri, Rina, Indah, Ayu, Nurul, Aisyah, Rahma, Wulan, Zahra, Nabila'),
    lastMale: w('Hidayat, Saputra, Pratama, Ramadhan, Firmansyah, Kurniawan, Nugraha, Syahputra, Maulana, Hakim, Iskandar, Fadillah'),
    lastFemale: w('Rahmawati, Lestari, Amelia, Anggraini, Permatasari, Safitri, Handayani, Fitriani, Oktaviani, Puspita, Maharani'),
  },
};

const BALI_ORDER = [['Wayan', 'Putu', 'Gede'], ['Made', 'Kadek'], ['Nyoman', 'Komang'], ['Ketut']] as const;
const BALI_MALE = w('Sudarta, Suartana, Adnyana, Wirawan, Mahendra, Artawan, Sutama, Darmawan, Sukadana, Arsana, Budiarta');
const BALI_FEMALE = w('Ayu Lestari, Sri Dewi, Ariani, Suartini, Widiastuti, Sukmawati, Kartini, Purnami, Ayu Wulandari, Sriasih');

/**
 * A full name in the shape its tradition uses: Batak/Manado/Ambon/Papua/Chinese-Indonesian names
 * end in a family name; Balinese names carry sex and birth order (`Ni Made Ayu Lestari`); Javanese
 * and Sundanese names are given names only, sometimes just one (`Sutarmi`); some Bugis names carry `Andi`.
 */
export function fullName(rng: Rng, ethnicity: Ethnicity, sex: Sex): string {
  if (ethnicity === 'balinese') {
    const order = rng.pick(rng.pick(BALI_ORDER));
    return `${sex === 'M' ? 'I' : 'Ni'} ${order} ${rng.pick(sex === 'M' ? BALI_MALE : BALI_FEMALE)}`;
  }
  const pool = POOLS[ethnicity];
  const first = rng.pick(sex === 'M' ? pool.male : pool.female);
  const lastPool = sex === 'F' && pool.lastFemale.length > 0 ? pool.lastFemale : pool.lastMale;
  if ((ethnicity === 'javanese' || ethnicity === 'sundanese') && rng.chance(0.06)) return rng.pick(lastPool);
  const prefix = ethnicity === 'bugis' && rng.chance(0.25) ? 'Andi ' : '';
  return `${prefix}${first} ${rng.pick(lastPool)}`;
}

/** Relations recorded for emergency contacts on Indonesian loan forms. */
export const EMERGENCY_RELATIONS = ['Istri', 'Suami', 'Saudara', 'Orang Tua', 'Kakak', 'Adik', 'Rekan Kerja', 'Ipar'] as const;
