import { defineMessages } from '../../core/i18n/index.ts';

/** The detailed report (PDF and letter) and the mails around a request (C25). */
export const reportMessages = defineMessages({
  'pdf.kicker': { de: 'Solarkataster · Detaillierte Auswertung', en: 'Solar map · Detailed report' },
  'pdf.title': { de: 'Solarpotenzial Ihres Gebäudes', en: 'Solar potential of your building' },
  'pdf.for': { de: 'Für', en: 'For' },
  'pdf.reference': { de: 'Aktenzeichen', en: 'Reference' },
  'pdf.computed': { de: 'Berechnet am', en: 'Computed on' },
  'pdf.date': { de: 'Erstellt am', en: 'Issued on' },
  'pdf.intro': {
    de: 'Sie haben die Einzelwerte des Solarkatasters für Ihr Gebäude angefordert. Für jede Dachfläche finden Sie hier, wie viel Sonne sie im Jahr erhält, welche Leistung eine Photovoltaikanlage darauf haben könnte, wie viel Strom sie erzeugen und wie viel CO₂ sie einsparen würde – und wie sich der Ertrag über die Monate verteilt.',
    en: 'You asked for the detailed figures of the solar map for your building. For each roof surface you find here how much sunlight it receives in a year, what peak power a solar installation on it could have, how much electricity it would generate and how much CO₂ it would save – and how the yield spreads over the months.',
  },
  'pdf.building': { de: 'Gebäude {n} von {of}', en: 'Building {n} of {of}' },
  'pdf.yourBuilding': { de: 'Ihr Gebäude', en: 'Your building' },
  'pdf.alkis': { de: 'Amtliche Gebäudekennung (ALKIS)', en: 'Official building identifier (ALKIS)' },
  'pdf.suitability': { de: 'Eignung (beste Dachfläche)', en: 'Suitability (best roof surface)' },
  'pdf.usableArea': { de: 'Nutzbare Fläche der geeigneten Dachflächen', en: 'Usable area of the suitable roof surfaces' },
  'pdf.power': { de: 'Mögliche Leistung', en: 'Possible peak power' },
  'pdf.yield': { de: 'Stromertrag im Jahr', en: 'Electricity per year' },
  'pdf.co2': { de: 'CO₂-Einsparung im Jahr', en: 'CO₂ saved per year' },
  'pdf.monthlyTitle': {
    de: 'Stromertrag der geeigneten Dachflächen je Monat',
    en: 'Electricity from the suitable roof surfaces per month',
  },
  'pdf.noSuitable': {
    de: 'Keine Dachfläche dieses Gebäudes ist für Photovoltaik geeignet. Die Werte der einzelnen Dachflächen folgen trotzdem.',
    en: 'None of this building’s roof surfaces is suited to solar panels. The figures of each roof surface follow all the same.',
  },
  'pdf.notComputed': {
    de: 'Für dieses Gebäude liegt noch keine Berechnung vor.',
    en: 'This building has not been computed yet.',
  },
  'pdf.noMonths': {
    de: 'Monatswerte liegen für diese Berechnung nicht vor.',
    en: 'There are no monthly figures for this computation.',
  },
  'pdf.surfaces': { de: 'Die Dachflächen im Einzelnen', en: 'The roof surfaces one by one' },
  'pdf.facingDown': {
    de: '{n} weitere Fläche(n) des Dachs zeigen nach unten (etwa Dachüberstände) und sind nicht bewertet.',
    en: '{n} further surface(s) of the roof face downwards (such as overhangs) and are not assessed.',
  },
  'pdf.surface': { de: 'Dachfläche {n}', en: 'Roof surface {n}' },
  'pdf.area': { de: 'Fläche', en: 'Area' },
  'pdf.areaValue': { de: '{area} m², davon nutzbar {usable} m²', en: '{area} m², of which usable {usable} m²' },
  'pdf.tilt': { de: 'Neigung', en: 'Tilt' },
  'pdf.orientation': { de: 'Ausrichtung', en: 'Orientation' },
  'pdf.irradiation': { de: 'Sonneneinstrahlung', en: 'Sunlight received' },
  'pdf.irradiationValue': {
    de: '{value} kWh/m² im Jahr ({percent} % des Optimums)',
    en: '{value} kWh/m² per year ({percent} % of the optimum)',
  },
  'pdf.shading': { de: 'Verschattung', en: 'Shade' },
  'pdf.shadingValue': { de: '{value} % weniger Sonne', en: '{value} % less sunlight' },
  'pdf.surfacePower': { de: 'Leistung', en: 'Peak power' },
  'pdf.surfaceYield': { de: 'Stromertrag', en: 'Electricity' },
  'pdf.perYear': { de: '{value} kWh im Jahr', en: '{value} kWh per year' },
  'pdf.co2Value': { de: '{value} kg im Jahr', en: '{value} kg per year' },
  'pdf.surfaceCo2': { de: 'CO₂-Einsparung', en: 'CO₂ saved' },
  'pdf.monthlyUnit': { de: 'kWh je Monat', en: 'kWh per month' },
  'pdf.method': { de: 'So haben wir gerechnet', en: 'How we computed' },
  'pdf.methodText': {
    de: 'Grundlage ist das 3D-Gebäudemodell ({attribution}). Für jede Dachfläche haben wir den Sonnenstand für jede Stunde eines typischen Wetterjahres ({weather}) berechnet, die Einstrahlung auf die geneigte Fläche nach dem Himmelsmodell von Perez{shading}. Die Leistung nimmt {kwp} kWp je m² nutzbarer Fläche an (ein Randabstand von {setback} m bleibt frei), den Ertrag mit einer Performance Ratio von {pr} und die CO₂-Einsparung mit {co2} kg je kWh.',
    en: 'The basis is the 3D building model ({attribution}). For each roof surface we computed the position of the sun for every hour of a typical weather year ({weather}) and the sunlight on the tilted surface with the Perez sky model{shading}. Peak power assumes {kwp} kWp per m² of usable area (leaving {setback} m free along the edges), the yield a performance ratio of {pr}, and the CO₂ saved {co2} kg per kWh.',
  },
  'pdf.methodShading': {
    de: ', einschließlich der Verschattung durch Nachbargebäude',
    en: ', including the shade of neighbouring buildings',
  },
  'pdf.methodClasses': {
    de: 'Eine Dachfläche ist sehr gut geeignet ab {veryGood} % der Einstrahlung einer unverschatteten, nach Süden ausgerichteten Fläche mit 35° Neigung am selben Ort, gut ab {good} % und bedingt ab {suitable} %; mit mehr als {loss} % Verlust durch Verschattung oder weniger als {area} m² nutzbarer Fläche gilt sie als nicht geeignet.',
    en: 'A roof surface is very well suited from {veryGood} % of the sunlight on an unshaded surface facing south at a 35° tilt in the same place, well suited from {good} % and partly suited from {suitable} %; with more than {loss} % lost to shade or less than {area} m² of usable area it counts as not suited.',
  },
  'pdf.disclaimer': {
    de: 'Die Werte sind eine Abschätzung aus Modelldaten. Dachaufbauten, der Zustand des Dachs und die Statik sind nicht berücksichtigt; vor einer Investition sollte ein Fachbetrieb das Dach ansehen.',
    en: 'The figures are an estimate from model data. Roof fixtures, the state of the roof and its structure are not taken into account; before investing, have a specialist look at the roof.',
  },
  'pdf.questions': {
    de: 'Fragen beantwortet Ihnen unsere Energieberatung: {email}, Telefon {phone}.',
    en: 'Our energy advice answers your questions: {email}, phone {phone}.',
  },
  'pdf.page': { de: 'Seite {n} von {of}', en: 'Page {n} of {of}' },
  'pdf.months': { de: 'Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez', en: 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec' },
  'class.veryGood': { de: 'sehr gut geeignet', en: 'very well suited' },
  'class.good': { de: 'gut geeignet', en: 'well suited' },
  'class.suitable': { de: 'bedingt geeignet', en: 'partly suited' },
  'class.unsuitable': { de: 'nicht geeignet', en: 'not suited' },

  'file.name': { de: 'solarkataster-auswertung-{reference}.pdf', en: 'solar-report-{reference}.pdf' },

  'mail.receipt.subject': { de: 'Ihre Anfrage an das Solarkataster ({reference})', en: 'Your request to the solar map ({reference})' },
  'mail.receipt.text': {
    de: 'Guten Tag,\n\nwir haben Ihre Anfrage nach der detaillierten Auswertung des Solarkatasters erhalten. Ihr Aktenzeichen lautet {reference}.\n\nUnsere Energieberatung prüft nun, ob Sie Eigentümerin, Eigentümer, Mieterin oder Mieter des Gebäudes sind, und meldet sich dazu gegebenenfalls bei Ihnen. Danach erhalten Sie die Auswertung auf dem Weg, den Sie gewählt haben.\n\nMit freundlichen Grüßen\nIhre Energieberatung\n{org}',
    en: 'Hello,\n\nwe have received your request for the detailed report of the solar map. Your reference is {reference}.\n\nOur energy advice will now check that you own or rent the building and may contact you about it. After that you will receive the report the way you chose.\n\nKind regards\nYour energy advice\n{org}',
  },
  'mail.report.subject': { de: 'Ihre Auswertung aus dem Solarkataster ({reference})', en: 'Your report from the solar map ({reference})' },
  'mail.report.text': {
    de: 'Guten Tag,\n\nim Anhang finden Sie die detaillierte Auswertung des Solarkatasters für das Gebäude {building} als PDF.\n\nFragen beantwortet Ihnen unsere Energieberatung gern: {email}, Telefon {phone}.\n\nMit freundlichen Grüßen\n{staff}\nEnergieberatung\n{org}\n\nAktenzeichen: {reference}',
    en: 'Hello,\n\nplease find attached the detailed report of the solar map for the building {building} as a PDF.\n\nOur energy advice will gladly answer your questions: {email}, phone {phone}.\n\nKind regards\n{staff}\nEnergy advice\n{org}\n\nReference: {reference}',
  },
  'mail.rejected.text': {
    de: 'Guten Tag,\n\nleider können wir Ihnen die detaillierte Auswertung des Solarkatasters nicht schicken: Wir konnten nicht bestätigen, dass Sie Eigentümerin, Eigentümer, Mieterin oder Mieter des Gebäudes sind. Die Einzelwerte eines Gebäudes geben wir nur an diese Personen heraus.\n\nWenn Sie Fragen haben, erreichen Sie unsere Energieberatung unter {email}, Telefon {phone}. Ihre Anfrage und Ihre Angaben löschen wir jetzt.\n\nMit freundlichen Grüßen\nEnergieberatung\n{org}\n\nAktenzeichen: {reference}',
    en: 'Hello,\n\nwe are sorry, but we cannot send you the detailed report of the solar map: we could not confirm that you own or rent the building. We give the detailed figures of a building only to its owners and tenants.\n\nIf you have questions, our energy advice is at {email}, phone {phone}. We are now deleting your request and your details.\n\nKind regards\nEnergy advice\n{org}\n\nReference: {reference}',
  },

  'letter.subject': { de: 'Detaillierte Auswertung des Solarkatasters für {building}', en: 'Detailed solar map report for {building}' },
  'letter.salutation': { de: 'Guten Tag {name},', en: 'Dear {name},' },
  'letter.intro': {
    de: 'Sie haben die Einzelwerte des Solarkatasters für Ihr Gebäude angefordert. Hier sind sie: zuerst die Summe der geeigneten Dachflächen, danach jede Dachfläche für sich.',
    en: 'You asked for the detailed figures of the solar map for your building. Here they are: first the sum of the suitable roof surfaces, then each roof surface on its own.',
  },
  'letter.building': { de: 'Gebäude {n}: {address}', en: 'Building {n}: {address}' },
  'letter.totals': {
    de: 'Eignung: {suitability}\nNutzbare Fläche: {area} m² · Leistung: {kwp} kWp\nStromertrag: {yield} kWh im Jahr · CO₂-Einsparung: {co2} kg im Jahr',
    en: 'Suitability: {suitability}\nUsable area: {area} m² · Peak power: {kwp} kWp\nElectricity: {yield} kWh per year · CO₂ saved: {co2} kg per year',
  },
  'letter.monthly': { de: 'Stromertrag je Monat in kWh:', en: 'Electricity per month in kWh:' },
  'letter.surface': {
    de: 'Dachfläche {n}: {suitability}\nFläche {area} m² (nutzbar {usable} m²) · Neigung {tilt}° · Ausrichtung {orientation}\nEinstrahlung {irradiation} kWh/m² im Jahr · Leistung {kwp} kWp\nStromertrag {yield} kWh im Jahr · CO₂-Einsparung {co2} kg im Jahr',
    en: 'Roof surface {n}: {suitability}\nArea {area} m² (usable {usable} m²) · Tilt {tilt}° · Orientation {orientation}\nSunlight {irradiation} kWh/m² per year · Peak power {kwp} kWp\nElectricity {yield} kWh per year · CO₂ saved {co2} kg per year',
  },
  'letter.closing': { de: 'Mit freundlichen Grüßen', en: 'Kind regards' },
  'letter.unit': { de: 'Energieberatung', en: 'Energy advice' },
});

export type ReportMessageKey = keyof typeof reportMessages;
