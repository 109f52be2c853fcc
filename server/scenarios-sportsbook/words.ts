// Word lists of the sportsbook generator: fictional names, streets, towns, e-mail providers, handset models and user
// agents. Nothing here is a real person's data; towns and postcodes are only there to make addresses look like
// addresses (street numbers, names and postcodes are drawn independently).

const words = (text: string): readonly string[] => text.split(' ');

export const FIRST_NAMES: readonly string[] = words(
  'james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan ' +
    'joseph jessica thomas sarah chris karen daniel lisa matt nancy anthony betty mark sandra donald ' +
    'ashley steven kim paul emily andrew donna josh michelle kenneth carol kevin amanda brian melissa ' +
    'george deborah tim stephanie ronald rebecca jason laura ryan sharon jacob cynthia gary amy nick ' +
    'angela eric helen jonathan anna stephen brenda larry pamela justin nicole scott emma brandon ' +
    'samantha ben katherine samuel christine greg rachel frank carolyn alex janet raymond maria patrick ' +
    'olivia jack heather dennis diane jerry julie tyler joyce aaron victoria jose kelly adam christina ' +
    'nathan lauren henry joan zach evelyn doug judith peter megan kyle andrea noah cheryl ethan hannah ' +
    'jeremy jacqueline walter martha christian gloria keith teresa roger ann terry sara austin madison ' +
    'sean frances gerald kathryn carl janice dylan jean harold abigail jordan alice jesse judy bryan ' +
    'sophia lawrence grace arthur denise gabriel amber bruce doris logan marilyn billy danielle joe ' +
    'beverly alan isabella juan theresa elijah diana willie natalie albert brittany wayne charlotte randy ' +
    'marie mason kayla vincent alexis liam lori priya wei mohammed fatima raj mei luis sofia omar aisha ' +
    'dmitri olga kofi ama hiro yuki sanjay leila tariq',
);

export const LAST_NAMES: readonly string[] = words(
  'smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez ' +
    'wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ' +
    'ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams ' +
    'nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker ' +
    'cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper ' +
    'peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james ' +
    'bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez ' +
    'powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez ' +
    'simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole ' +
    'hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens ' +
    'harrison fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker ' +
    'guzman burns crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz ' +
    'hunt hicks holmes palmer wagner black robertson boyd rose stone salazar fox warren mills meyer rice ' +
    'schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne grant dunn kowalski ' +
    'novak okafor mensah singh sharma wong tanaka ivanov haddad obrien macleod fraser',
);

export const STREETS: readonly string[] = words(
  'maple oak pine cedar elm washington lake hill park main church high river spring ridge walnut ' +
    'chestnut willow sunset highland meadow forest cherry mill franklin jefferson madison lincoln jackson ' +
    'center union prospect grove bay view king queen front bloor dundas college harbour victoria albert ' +
    'wellington birch spruce poplar aspen laurel magnolia holly hawthorn orchard brook valley canyon',
);

export const STREET_SUFFIXES = [
  ['St', 'Street'],
  ['Ave', 'Avenue'],
  ['Rd', 'Road'],
  ['Dr', 'Drive'],
  ['Ln', 'Lane'],
  ['Ct', 'Court'],
  ['Blvd', 'Boulevard'],
  ['Pl', 'Place'],
] as const;

/** Regions the operator is licensed in: a state or province, its towns and how its postcodes look. */
export interface Region {
  code: string;
  country: 'US' | 'CA';
  towns: readonly string[];
  /** Share of the operator's players. */
  weight: number;
}

export const REGIONS: readonly Region[] = [
  {
    code: 'NJ',
    country: 'US',
    weight: 26,
    towns: ['Newark', 'Jersey City', 'Paterson', 'Trenton', 'Camden', 'Edison', 'Hoboken', 'Toms River'],
  },
  {
    code: 'PA',
    country: 'US',
    weight: 22,
    towns: ['Philadelphia', 'Pittsburgh', 'Allentown', 'Erie', 'Reading', 'Scranton', 'Lancaster'],
  },
  {
    code: 'MI',
    country: 'US',
    weight: 18,
    towns: ['Detroit', 'Grand Rapids', 'Warren', 'Lansing', 'Ann Arbor', 'Flint', 'Dearborn'],
  },
  {
    code: 'NY',
    country: 'US',
    weight: 10,
    towns: ['Buffalo', 'Rochester', 'Yonkers', 'Syracuse', 'Albany', 'Brooklyn', 'Queens'],
  },
  {
    code: 'ON',
    country: 'CA',
    weight: 24,
    towns: ['Toronto', 'Ottawa', 'Mississauga', 'Hamilton', 'London', 'Brampton', 'Windsor', 'Kitchener'],
  },
];

/** Area codes by region, used only with the fictional 555 exchange. */
export const AREA_CODES: Record<string, readonly string[]> = {
  NJ: ['201', '551', '609', '732', '848', '856', '862', '908', '973'],
  PA: ['215', '267', '412', '484', '570', '610', '717', '724', '814'],
  MI: ['231', '248', '269', '313', '517', '586', '616', '734', '810'],
  NY: ['315', '347', '516', '518', '585', '631', '716', '718', '914'],
  ON: ['226', '289', '343', '416', '519', '613', '647', '705', '905'],
};

/** Mailbox providers and their share; example.* domains stand for the long tail of small providers. */
export const MAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 40],
  ['outlook.com', 10],
  ['hotmail.com', 9],
  ['yahoo.com', 12],
  ['icloud.com', 10],
  ['aol.com', 3],
  ['example.com', 6],
  ['example.net', 5],
  ['example.org', 5],
];

/** Throw-away mailbox services (fictional) that bonus hunters and fake sign-ups use. */
export const DISPOSABLE_DOMAINS = ['tempbox.example', 'quickinbox.example', 'burnmail.example', 'maildrop.example'];

export const PHONE_MODELS = [
  ['iPhone15,2', 'iOS 17.5'],
  ['iPhone14,5', 'iOS 17.4'],
  ['iPhone16,1', 'iOS 18.1'],
  ['iPhone13,2', 'iOS 16.7'],
  ['SM-S918B', 'Android 14'],
  ['SM-A546B', 'Android 14'],
  ['Pixel 8', 'Android 15'],
  ['Pixel 7a', 'Android 14'],
  ['moto g 5G', 'Android 13'],
  ['SM-G991U', 'Android 13'],
] as const;

export const DESKTOPS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36 Edg/125.0',
] as const;

/** Emulator builds a bonus farm runs many app instances on. */
export const EMULATORS = ['sdk_gphone64_x86_64', 'SM-G955N', 'SM-N976N', 'ASUS_Z01QD'] as const;

export const APP_VERSIONS = ['7.9.1', '7.10.0', '7.11.2', '7.12.0', '8.0.1', '8.1.0'] as const;

/** Card BINs (fictional ranges) by issuing country. */
export const BINS: Record<string, readonly string[]> = {
  US: ['411773', '426684', '440393', '517805', '524366', '546616', '414720', '434256'],
  CA: ['450060', '451015', '520588', '530142', '454617'],
  GB: ['475129', '492181', '535522'],
  BR: ['498408', '516292'],
  NG: ['539983', '506118'],
  RO: ['404585', '527455'],
};

/** Companies whose office networks players bet from (fictional). */
export const EMPLOYERS = [
  'Northwind Logistics',
  'Contoso Health',
  'Fabrikam Insurance',
  'Tailspin Media',
  'Litware Bank',
  'Adatum Energy',
];
export const CAMPUSES = ['Lakeshore University', 'Great Lakes State', 'Riverside College', 'Harbour Tech'];
export const VENUES = ['Lincoln Field', 'Harbour Arena', 'Lakeside Stadium', 'Metro Center', 'North Park Ballpark'];
export const BARS = [
  'The Fox & Hound',
  'Penalty Box Bar',
  'The Dugout',
  'Overtime Grill',
  'Sideline Tavern',
  'The Red Card',
];
