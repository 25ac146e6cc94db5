import { defineMessages } from '../../core/i18n/index.ts';

/** The public form for the detailed report (C25). */
export const requestMessages = defineMessages({
  'request.teaser.heading': { de: 'Die Einzelwerte Ihres Gebäudes', en: 'The detailed figures of your building' },
  'request.teaser.text': {
    de: 'Als Eigentümerin, Eigentümer, Mieterin oder Mieter erhalten Sie auf Anfrage eine Auswertung mit den Werten jeder Dachfläche: Fläche, Neigung, Ausrichtung, Einstrahlung, mögliche Leistung, Stromertrag, CO₂-Einsparung und die Monatswerte.',
    en: 'If you own or rent a building, you can ask for a report with the figures of each roof surface: area, tilt, orientation, sunlight, possible peak power, electricity, CO₂ saved and the monthly values.',
  },
  'request.teaser.link': { de: 'Detaillierte Auswertung anfordern', en: 'Request the detailed report' },
  'request.title': { de: 'Detaillierte Auswertung anfordern', en: 'Request the detailed report' },
  'request.intro': {
    de: 'Die Karte zeigt öffentlich nur die Eignung als Farbe. Die Einzelwerte eines Gebäudes schicken wir nur seinen Eigentümern und Mietern. Unsere Energieberatung prüft deshalb zuerst, ob Sie Eigentümerin, Eigentümer, Mieterin oder Mieter sind, und meldet sich dazu gegebenenfalls bei Ihnen, etwa um einen Grundbuchauszug oder Ihren Mietvertrag zu sehen. Danach erhalten Sie die Auswertung als PDF per E-Mail oder als Brief.',
    en: 'Publicly the map shows only the suitability as a colour. We send the detailed figures of a building only to its owners and tenants. Our energy advice therefore first checks that you own or rent the building and may contact you about it, for instance to see an extract from the land register or your tenancy agreement. After that you receive the report as a PDF by e-mail or as a letter.',
  },
  'request.building': { de: 'Das Gebäude', en: 'The building' },
  'request.street': { de: 'Straße', en: 'Street' },
  'request.number': { de: 'Hausnummer', en: 'House number' },
  'request.postcode': { de: 'Postleitzahl', en: 'Postcode' },
  'request.town': { de: 'Ort', en: 'Town' },
  'request.role': { de: 'Sie sind', en: 'You are' },
  'request.role.owner': { de: 'Eigentümerin oder Eigentümer', en: 'the owner' },
  'request.role.tenant': { de: 'Mieterin oder Mieter', en: 'a tenant' },
  'request.you': { de: 'Ihre Angaben', en: 'About you' },
  'request.name': { de: 'Vor- und Nachname', en: 'First and last name' },
  'request.postalStreet': { de: 'Ihre Straße und Hausnummer', en: 'Your street and house number' },
  'request.postalPostcode': { de: 'Ihre Postleitzahl', en: 'Your postcode' },
  'request.postalTown': { de: 'Ihr Ort', en: 'Your town' },
  'request.postalCountry': { de: 'Land', en: 'Country' },
  'request.postalCountryHint': { de: 'Nur wenn Sie nicht in Deutschland wohnen.', en: 'Only if you do not live in Germany.' },
  'request.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'request.emailHint': {
    de: 'Dorthin schicken wir die Eingangsbestätigung und gegebenenfalls die Auswertung.',
    en: 'We send the acknowledgement there, and the report if you choose e-mail.',
  },
  'request.delivery': { de: 'Wie möchten Sie die Auswertung erhalten?', en: 'How would you like to receive the report?' },
  'request.delivery.email': { de: 'per E-Mail als PDF', en: 'by e-mail as a PDF' },
  'request.delivery.letter': { de: 'per Post als Brief', en: 'by post as a letter' },
  'request.privacy': {
    de: 'Wir verwenden Ihre Angaben nur, um Ihre Anfrage zu prüfen und Ihnen die Auswertung zu schicken, und löschen sie, sobald die Anfrage erledigt ist. Einzelheiten finden Sie in der',
    en: 'We use your details only to check your request and send you the report, and delete them as soon as the request is handled. The details are in the',
  },
  'request.privacyLink': { de: 'Datenschutzerklärung', en: 'privacy statement' },
  'request.submit': { de: 'Auswertung anfordern', en: 'Request the report' },
  'request.error.postalPostcode': {
    de: 'Bitte geben Sie Ihre Postleitzahl an, z. B. 12345.',
    en: 'Please enter your postcode, e.g. 12345.',
  },
  'request.error.notFound': {
    de: 'Zu dieser Adresse finden wir kein Gebäude im Solarkataster. Bitte prüfen Sie Straße und Hausnummer.',
    en: 'We cannot find a building at this address in the solar map. Please check the street and house number.',
  },
  'request.error.ambiguous': {
    de: 'Diese Adresse gibt es in mehreren Orten. Bitte geben Sie die Postleitzahl oder den Ort des Gebäudes an.',
    en: 'This address exists in more than one town. Please add the postcode or the town of the building.',
  },
  'request.received.title': { de: 'Anfrage eingegangen', en: 'Request received' },
  'request.received.text': {
    de: 'Vielen Dank. Ihre Anfrage ist eingegangen, Ihr Aktenzeichen lautet {reference}. Wir haben Ihnen eine Eingangsbestätigung geschickt.',
    en: 'Thank you. We have received your request; your reference is {reference}. We have sent you an acknowledgement.',
  },
  'request.received.next': {
    de: 'Unsere Energieberatung prüft nun, ob Sie Eigentümerin, Eigentümer, Mieterin oder Mieter des Gebäudes sind. Danach erhalten Sie die Auswertung auf dem Weg, den Sie gewählt haben.',
    en: 'Our energy advice will now check that you own or rent the building. After that you will receive the report the way you chose.',
  },
});
