// Names and places for customers. A European-leaning mix with diacritics, because encoding and
// case-folding bugs only show up when names are not plain ASCII.

export interface Country {
  name: string;
  code: string;
  /** Native spelling, written by some customers instead of the English name. */
  local: string;
  dialCode: string;
  cities: readonly string[];
  /** Share of the customer base. */
  weight: number;
  emailDomains: readonly string[];
}

export const countries: readonly Country[] = [
  { name: 'Germany', code: 'DE', local: 'Deutschland', dialCode: '49', weight: 0.28,
    cities: ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Frankfurt', 'Stuttgart', 'Leipzig', 'Düsseldorf'],
    emailDomains: ['gmx.de', 'web.de', 't-online.de'] },
  { name: 'France', code: 'FR', local: 'France', dialCode: '33', weight: 0.12,
    cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Bordeaux', 'Lille', 'Nantes'],
    emailDomains: ['orange.fr', 'free.fr', 'laposte.net'] },
  { name: 'Netherlands', code: 'NL', local: 'Nederland', dialCode: '31', weight: 0.1,
    cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'The Hague', 'Eindhoven', 'Groningen'],
    emailDomains: ['ziggo.nl', 'kpnmail.nl'] },
  { name: 'Spain', code: 'ES', local: 'España', dialCode: '34', weight: 0.08,
    cities: ['Madrid', 'Barcelona', 'Valencia', 'Seville', 'Bilbao', 'Málaga'],
    emailDomains: ['telefonica.net', 'yahoo.es'] },
  { name: 'Italy', code: 'IT', local: 'Italia', dialCode: '39', weight: 0.08,
    cities: ['Rome', 'Milan', 'Turin', 'Bologna', 'Florence', 'Naples'],
    emailDomains: ['libero.it', 'virgilio.it'] },
  { name: 'United Kingdom', code: 'GB', local: 'UK', dialCode: '44', weight: 0.1,
    cities: ['London', 'Manchester', 'Bristol', 'Leeds', 'Edinburgh', 'Glasgow'],
    emailDomains: ['btinternet.com', 'sky.com'] },
  { name: 'United States', code: 'US', local: 'USA', dialCode: '1', weight: 0.12,
    cities: ['New York', 'Chicago', 'Seattle', 'Austin', 'Portland', 'Boston', 'Denver'],
    emailDomains: ['comcast.net', 'aol.com'] },
  { name: 'Austria', code: 'AT', local: 'Österreich', dialCode: '43', weight: 0.05,
    cities: ['Vienna', 'Graz', 'Salzburg', 'Linz', 'Innsbruck'],
    emailDomains: ['aon.at', 'chello.at'] },
  { name: 'Belgium', code: 'BE', local: 'België', dialCode: '32', weight: 0.04,
    cities: ['Brussels', 'Antwerp', 'Ghent', 'Liège'],
    emailDomains: ['skynet.be', 'telenet.be'] },
  { name: 'Ireland', code: 'IE', local: 'Éire', dialCode: '353', weight: 0.03,
    cities: ['Dublin', 'Cork', 'Galway', 'Limerick'],
    emailDomains: ['eircom.net'] },
];

/** Used everywhere, whatever the country. */
export const globalEmailDomains = ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'icloud.com',
  'proton.me'] as const;

export const firstNames = [
  'Anna', 'Lukas', 'Sophie', 'Maximilian', 'Léa', 'Hugo', 'Emma', 'Liam', 'Olivia', 'Noah', 'Mia', 'Elias',
  'Lucía', 'Mateo', 'Giulia', 'Lorenzo', 'Sofia', 'Leonardo', 'Charlotte', 'Oliver', 'Amelia', 'Jack',
  'Isla', 'Harry', 'Chloé', 'Louis', 'Zoë', 'Daan', 'Fenna', 'Sem', 'Julia', 'Jonas', 'Lena', 'Felix',
  'Marie', 'Paul', 'Clara', 'Ben', 'Hannah', 'Finn', 'Laura', 'David', 'Sarah', 'Michael', 'Emily',
  'James', 'Grace', 'Daniel', 'Aoife', 'Seán', 'Niamh', 'Conor', 'Ines', 'Pablo', 'Carmen', 'Javier',
  'Francesca', 'Marco', 'Chiara', 'Matteo', 'Élise', 'Théo', 'Manon', 'Nathan', 'Jasper', 'Noor', 'Ava',
  'Ethan', 'Madison', 'Tyler', 'Aylin', 'Emir', 'Yusuf', 'Mei', 'Kenji', 'Priya', 'Arjun',
] as const;

export const lastNames = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer',
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'García', 'Fernández',
  'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Rossi', 'Russo', 'Ferrari', 'Esposito',
  'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson',
  'Johnson', 'Davies', 'Evans', 'Murphy', 'Kelly', "O'Brien", 'Walsh', 'Byrne', 'Gruber', 'Huber',
  'Bauer', 'Wagner', 'Peeters', 'Janssens', 'Maes', 'Miller', 'Davis', 'Garcia', 'Anderson', 'Clark',
  'Yilmaz', 'Kaya', 'Nguyen', 'Tanaka', 'Sharma', 'Patel', 'Kowalski', 'Nowak', 'Novák', 'Horvath',
] as const;
