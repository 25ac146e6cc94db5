import { defineMessages } from '../../core/i18n/index.ts';

export const newsletterMessages = defineMessages({
  'nav.label': { de: 'Newsletter', en: 'Newsletter' },
  'page.title': { de: 'Newsletter „Meine Stadtwerke“', en: 'Newsletter “Meine Stadtwerke”' },
  'page.intro': {
    de: 'Neuigkeiten Ihrer Stadtwerke per E-Mail. Nur die E-Mail-Adresse ist nötig; alles andere ist freiwillig. Sie können den Newsletter jederzeit mit einem Klick abbestellen.',
    en: 'News from your utility by e-mail. Only your e-mail address is needed; everything else is optional. You can unsubscribe at any time with one click.',
  },
  'field.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'field.salutation': { de: 'Anrede', en: 'Salutation' },
  'field.name': { de: 'Name', en: 'Name' },
  'field.topics': { de: 'Themen', en: 'Topics' },
  'field.topics.hint': {
    de: 'Ohne Auswahl erhalten Sie nur Ausgaben an alle Abonnentinnen und Abonnenten.',
    en: 'Without a choice you receive only the issues sent to all subscribers.',
  },
  'field.noMeasure': { de: 'Öffnungen und Klicks nicht auswerten', en: 'Do not measure opens and clicks' },
  'field.noMeasure.hint': {
    de: 'Sonst zählen wir pseudonym, ob eine Ausgabe geöffnet und welche Links angeklickt wurden; nach der Auswertungszeit bleiben nur anonyme Zahlen.',
    en: 'Otherwise we count pseudonymously whether an issue was opened and which links were clicked; after the evaluation period only anonymous figures remain.',
  },
  'salutation.ms': { de: 'Frau', en: 'Ms' },
  'salutation.mr': { de: 'Herr', en: 'Mr' },
  'salutation.diverse': { de: 'Divers', en: 'Diverse' },
  'salutation.none': { de: 'Keine Angabe', en: 'None' },
  'form.submit': { de: 'Newsletter bestellen', en: 'Subscribe' },
  'privacy.note': {
    de: 'Wir verwenden Ihre Angaben nur für den Newsletter und geben sie nicht an Dritte weiter. Mehr dazu in der Datenschutzerklärung: {link}',
    en: 'We use your details only for the newsletter and do not pass them on to third parties. More in the privacy statement: {link}',
  },
  'check.title': { de: 'Bitte bestätigen Sie Ihre Anmeldung', en: 'Please confirm your subscription' },
  'check.text': {
    de: 'Wir haben Ihnen eine E-Mail geschickt. Erst wenn Sie den Link darin bestätigen, erhalten Sie den Newsletter.',
    en: 'We have sent you an e-mail. Only once you confirm the link in it will you receive the newsletter.',
  },
  'mail.confirm.subject': { de: 'Bitte bestätigen Sie Ihre Newsletter-Anmeldung', en: 'Please confirm your newsletter subscription' },
  'mail.confirm.body': {
    de: 'Guten Tag,\n\njemand – hoffentlich Sie – hat diese Adresse für den Newsletter „Meine Stadtwerke“ von {org} angemeldet. Bitte bestätigen Sie die Anmeldung hier:\n\n{link}\n\nWenn Sie das nicht waren, müssen Sie nichts tun: Ohne Bestätigung löschen wir die Anfrage nach {days} Tagen.\n\n{org}',
    en: 'Hello,\n\nsomeone – hopefully you – subscribed this address to the newsletter “Meine Stadtwerke” of {org}. Please confirm the subscription here:\n\n{link}\n\nIf that was not you, there is nothing to do: without confirmation we delete the request after {days} days.\n\n{org}',
  },
  'mail.already.subject': { de: 'Ihr Newsletter-Abonnement', en: 'Your newsletter subscription' },
  'mail.already.body': {
    de: 'Guten Tag,\n\ndiese Adresse hat den Newsletter „Meine Stadtwerke“ von {org} bereits abonniert. Ihre Angaben ändern oder den Newsletter abbestellen können Sie hier:\n\n{link}\n\n{org}',
    en: 'Hello,\n\nthis address already receives the newsletter “Meine Stadtwerke” of {org}. You can change your details or unsubscribe here:\n\n{link}\n\n{org}',
  },
  'mail.newAddress.subject': { de: 'Bitte bestätigen Sie Ihre neue Adresse', en: 'Please confirm your new address' },
  'mail.newAddress.body': {
    de: 'Guten Tag,\n\nbitte bestätigen Sie, dass der Newsletter „Meine Stadtwerke“ von {org} künftig an diese Adresse gehen soll:\n\n{link}\n\nWenn Sie das nicht waren, müssen Sie nichts tun.\n\n{org}',
    en: 'Hello,\n\nplease confirm that the newsletter “Meine Stadtwerke” of {org} should go to this address from now on:\n\n{link}\n\nIf that was not you, there is nothing to do.\n\n{org}',
  },
  'confirm.title': { de: 'Anmeldung bestätigen', en: 'Confirm subscription' },
  'confirm.text': { de: 'Bitte bestätigen Sie mit der Schaltfläche.', en: 'Please confirm with the button.' },
  'confirm.button': { de: 'Jetzt bestätigen', en: 'Confirm now' },
  'confirmed.title': { de: 'Vielen Dank, Sie sind angemeldet', en: 'Thank you, you are subscribed' },
  'confirmed.text': {
    de: 'Jede Ausgabe enthält einen Link zu Ihren Einstellungen und einen zum Abbestellen.',
    en: 'Every issue contains a link to your settings and one to unsubscribe.',
  },
  'confirmed.address': { de: 'Ihre neue Adresse ist bestätigt.', en: 'Your new address is confirmed.' },
  'invalid.title': { de: 'Dieser Link gilt nicht (mehr)', en: 'This link is not valid (any more)' },
  'invalid.text': {
    de: 'Vielleicht wurde er schon verwendet, ist abgelaufen oder der Newsletter wurde abbestellt. Sie können sich jederzeit neu anmelden.',
    en: 'It may have been used already, have expired, or the newsletter was unsubscribed. You can subscribe again at any time.',
  },
  'prefs.title': { de: 'Ihre Newsletter-Einstellungen', en: 'Your newsletter settings' },
  'prefs.email.hint': {
    de: 'Eine neue Adresse gilt, sobald Sie den Link bestätigen, den wir an sie schicken.',
    en: 'A new address applies once you confirm the link we send to it.',
  },
  'prefs.save': { de: 'Einstellungen speichern', en: 'Save settings' },
  'prefs.saved': { de: 'Ihre Einstellungen sind gespeichert.', en: 'Your settings are saved.' },
  'prefs.savedNewAddress': {
    de: 'Ihre Einstellungen sind gespeichert. Bitte bestätigen Sie die neue Adresse über den Link, den wir an sie geschickt haben.',
    en: 'Your settings are saved. Please confirm the new address through the link we sent to it.',
  },
  'unsub.title': { de: 'Newsletter abbestellen', en: 'Unsubscribe from the newsletter' },
  'unsub.text': {
    de: 'Mit einem Klick löschen wir Ihre Adresse aus dem Verteiler. Wir behalten nur einen Nachweis der Abmeldung, aus dem sich Ihre Adresse nicht ablesen lässt.',
    en: 'With one click we delete your address from the list. We keep only a proof of the withdrawal from which your address cannot be read.',
  },
  'unsub.button': { de: 'Newsletter abbestellen', en: 'Unsubscribe' },
  'unsub.done.title': { de: 'Sie sind abgemeldet', en: 'You are unsubscribed' },
  'unsub.done.text': {
    de: 'Ihre Adresse ist aus dem Verteiler gelöscht; Sie erhalten keinen Newsletter mehr.',
    en: 'Your address has been deleted from the list; you will receive no more newsletters.',
  },
  'back.home': { de: 'Zur Startseite', en: 'To the home page' },
  'mail.footer.why': {
    de: 'Sie erhalten diesen Newsletter, weil Sie ihn bestellt haben.',
    en: 'You receive this newsletter because you subscribed to it.',
  },
  'mail.footer.preferences': { de: 'Angaben ändern', en: 'Change your details' },
  'mail.footer.unsubscribe': { de: 'Newsletter abbestellen', en: 'Unsubscribe' },
});
