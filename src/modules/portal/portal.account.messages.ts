import { defineMessages } from '../../core/i18n/index.ts';

/** The customer's own access: e-mail address, password, second factor, deletion. */
export const accountMessages = defineMessages({
  'account.title': { de: 'Mein Zugang', en: 'My access' },
  'account.email': { de: 'Sie melden sich an mit: {email}', en: 'You sign in with: {email}' },
  'account.changeEmail': { de: 'E-Mail-Adresse ändern', en: 'Change the e-mail address' },
  'account.newEmail': { de: 'Neue E-Mail-Adresse', en: 'New e-mail address' },
  'account.confirmPassword': { de: 'Ihr Passwort (zur Bestätigung)', en: 'Your password (to confirm)' },
  'account.emailSent': {
    de: 'Wir haben einen Bestätigungslink an {email} geschickt. Erst wenn Sie ihn öffnen und bestätigen, gilt die neue Adresse.',
    en: 'We have sent a confirmation link to {email}. Only when you open it and confirm does the new address apply.',
  },
  'account.changePassword': { de: 'Passwort ändern', en: 'Change the password' },
  'account.currentPassword': { de: 'Bisheriges Passwort', en: 'Current password' },
  'account.newPassword': { de: 'Neues Passwort', en: 'New password' },
  'account.repeat': { de: 'Neues Passwort wiederholen', en: 'Repeat the new password' },
  'account.passwordSaved': {
    de: 'Ihr Passwort ist geändert. Alle anderen Anmeldungen wurden beendet.',
    en: 'Your password is changed. All other sign-ins were ended.',
  },
  'account.save': { de: 'Speichern', en: 'Save' },
  'account.totp': { de: 'Zweiter Faktor', en: 'Second factor' },
  'account.totpIntro': {
    de: 'Freiwillig: Mit einem zweiten Faktor fragen wir bei der Anmeldung zusätzlich einen sechsstelligen Code aus einer Authenticator-App ab.',
    en: 'Optional: with a second factor we also ask for a six-digit code from an authenticator app when you sign in.',
  },
  'account.totpIsOn': { de: 'Der zweite Faktor ist eingeschaltet.', en: 'The second factor is turned on.' },
  'account.totpIsOff': { de: 'Der zweite Faktor ist ausgeschaltet.', en: 'The second factor is turned off.' },
  'account.totpSetUp': { de: 'Zweiten Faktor einrichten', en: 'Set up a second factor' },
  'account.totpTurnOff': { de: 'Zweiten Faktor ausschalten', en: 'Turn the second factor off' },
  'account.totpOffDone': { de: 'Der zweite Faktor ist ausgeschaltet.', en: 'The second factor is turned off.' },
  'account.delete': { de: 'Online-Zugang löschen', en: 'Delete your online access' },
  'account.deleteIntro': {
    de: 'Sie können Ihren Online-Zugang jederzeit löschen; Ihre Verträge laufen weiter.',
    en: 'You can delete your online access at any time; your contracts continue.',
  },
  'account.deleteLink': { de: 'Zur Löschung des Zugangs', en: 'Go to deleting the access' },

  'emailMail.subject': { de: 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse', en: 'Please confirm your new e-mail address' },
  'emailMail.body': {
    de: 'Guten Tag,\n\nbitte bestätigen Sie, dass Sie diese Adresse künftig für das Kundenportal nutzen möchten. Der Link gilt {hours} Stunden und nur einmal:\n{link}\n\nHaben Sie das nicht angefordert? Dann ignorieren Sie diese E-Mail.\n\nIhre {org}',
    en: 'Hello,\n\nplease confirm that you want to use this address for the customer portal from now on. The link is valid for {hours} hours and only once:\n{link}\n\nDid you not ask for it? Then ignore this e-mail.\n\n{org}',
  },
  'emailNotice.subject': {
    de: 'Ihre E-Mail-Adresse im Kundenportal soll geändert werden',
    en: 'Your e-mail address in the customer portal is to be changed',
  },
  'emailNotice.body': {
    de: 'Guten Tag,\n\nim Kundenportal wurde beantragt, die E-Mail-Adresse Ihres Zugangs zu ändern. Die Änderung gilt erst, wenn sie von der neuen Adresse aus bestätigt wird.\n\nWaren Sie das nicht? Dann ändern Sie bitte sofort Ihr Passwort und rufen Sie uns an: {phone}.\n\nIhre {org}',
    en: 'Hello,\n\nin the customer portal someone asked to change the e-mail address of your access. The change only applies once it is confirmed from the new address.\n\nWas it not you? Then please change your password at once and call us: {phone}.\n\n{org}',
  },
  'confirmEmail.title': { de: 'Neue E-Mail-Adresse bestätigen', en: 'Confirm your new e-mail address' },
  'confirmEmail.text': {
    de: 'Bestätigen Sie, dass Sie {email} künftig für das Kundenportal nutzen.',
    en: 'Confirm that you will use {email} for the customer portal from now on.',
  },
  'confirmEmail.button': { de: 'Bestätigen', en: 'Confirm' },
  'confirmEmail.invalid': {
    de: 'Dieser Link ist ungültig, abgelaufen oder wurde schon verwendet.',
    en: 'This link is invalid, expired or was used already.',
  },
  'confirmEmail.taken': {
    de: 'Diese Adresse kann für das Kundenportal nicht verwendet werden. Bitte wählen Sie eine andere.',
    en: 'This address cannot be used for the customer portal. Please choose another one.',
  },
  'confirmEmail.done': {
    de: 'Ihre E-Mail-Adresse ist geändert. Sie melden sich ab jetzt mit {email} an.',
    en: 'Your e-mail address is changed. From now on you sign in with {email}.',
  },

  'totp.title': { de: 'Zweiten Faktor einrichten', en: 'Set up a second factor' },
  'totp.intro': {
    de: 'Scannen Sie den QR-Code mit einer Authenticator-App (zum Beispiel FreeOTP, Aegis oder der App Ihres Smartphones) oder geben Sie den Schlüssel von Hand ein. Bestätigen Sie dann mit dem angezeigten Code.',
    en: "Scan the QR code with an authenticator app (for example FreeOTP, Aegis or your phone's app) or type the key by hand. Then confirm with the code it shows.",
  },
  'totp.qr': { de: 'QR-Code für die Authenticator-App', en: 'QR code for the authenticator app' },
  'totp.secret': { de: 'Schlüssel zur Eingabe von Hand', en: 'Key to type by hand' },
  'totp.code': { de: 'Code aus der App', en: 'Code from the app' },
  'totp.submit': { de: 'Einschalten', en: 'Turn on' },
  'totp.failed': {
    de: 'Der Code ist nicht gültig. Bitte versuchen Sie es mit dem nächsten.',
    en: 'The code is not valid. Please try the next one.',
  },
  'totp.codesTitle': { de: 'Ihre Wiederherstellungscodes', en: 'Your recovery codes' },
  'totp.codesIntro': {
    de: 'Der zweite Faktor ist eingeschaltet. Mit diesen Codes melden Sie sich an, wenn Ihr Smartphone fehlt; jeder gilt einmal. Bewahren Sie sie sicher auf – wir zeigen sie nur jetzt.',
    en: 'The second factor is on. Use these codes to sign in when your phone is not at hand; each works once. Keep them safe – we show them only now.',
  },
  'totp.codesDone': { de: 'Ich habe die Codes gesichert', en: 'I have saved the codes' },

  'delete.title': { de: 'Online-Zugang löschen', en: 'Delete your online access' },
  'delete.intro': {
    de: 'Wenn Sie Ihren Online-Zugang löschen, löschen wir sofort:',
    en: 'When you delete your online access, we delete at once:',
  },
  'delete.goes.account': {
    de: 'Ihren Zugang mit E-Mail-Adresse, Passwort und zweitem Faktor,',
    en: 'your access with e-mail address, password and second factor,',
  },
  'delete.goes.sessions': { de: 'alle Ihre Anmeldungen auf allen Geräten,', en: 'every sign-in on every device,' },
  'delete.goes.log': { de: 'das Protokoll Ihres Zugangs.', en: 'the log of your access.' },
  'delete.stays': {
    de: 'Ihre Verträge laufen weiter. Ihre Vertragsdaten, Zählerstände und Rechnungen bleiben bei uns, denn wir brauchen sie für Ihre Verträge und müssen sie nach den gesetzlichen Fristen aufbewahren (§ 147 AO, § 257 HGB). Einen neuen Zugang können Sie jederzeit wieder registrieren.',
    en: 'Your contracts continue. Your contract data, meter readings and invoices stay with us, because we need them for your contracts and must keep them for the statutory periods (§ 147 AO, § 257 HGB). You can register a new access at any time.',
  },
  'delete.channels': { de: 'Danach erreichen Sie uns weiterhin', en: 'Afterwards you can still reach us' },
  'delete.post': { de: 'per Post: {address}', en: 'by post: {address}' },
  'delete.phone': { de: 'per Telefon: {phone}', en: 'by phone: {phone}' },
  'delete.email': { de: 'per E-Mail: {email}', en: 'by e-mail: {email}' },
  'delete.visit': { de: 'persönlich in unserem Kundenzentrum: {address}', en: 'in person at our customer centre: {address}' },
  'delete.confirm': { de: 'Ja, ich möchte meinen Online-Zugang löschen.', en: 'Yes, I want to delete my online access.' },
  'delete.submit': { de: 'Zugang endgültig löschen', en: 'Delete the access for good' },
  'delete.done.title': { de: 'Ihr Online-Zugang ist gelöscht', en: 'Your online access is deleted' },
  'delete.done.text': {
    de: 'Ihr Zugang, Ihre Anmeldungen und das Protokoll sind gelöscht. Ihre Verträge und Vertragsdaten bleiben bestehen.',
    en: 'Your access, your sign-ins and the log are deleted. Your contracts and contract data remain.',
  },
  'account.privacyRequest': { de: 'Auskunft, Löschung, Widerspruch', en: 'Access, erasure, objection' },
  'account.privacyRequestIntro': {
    de: 'Als angemeldete Kundin oder angemeldeter Kunde stellen Sie eine Datenschutz-Anfrage ohne Bestätigungslink und ohne Code per Brief.',
    en: 'Signed in, you make a data-protection request without a confirmation link and without a code by letter.',
  },
  'account.privacyRequestLink': { de: 'Datenschutz-Anfrage stellen', en: 'Make a data-protection request' },
  'dsr.title': { de: 'Datenschutz-Anfrage', en: 'Data-protection request' },
  'dsr.intro': {
    de: 'Sie sind angemeldet; damit wissen wir, dass die Anfrage von Ihnen kommt. Wir beziehen alle Daten zu Ihrer Kundennummer {customerNumber} ein und antworten innerhalb eines Monats.',
    en: 'You are signed in, so we know the request comes from you. We include all data for your customer number {customerNumber} and answer within one month.',
  },
  'dsr.kind': { de: 'Ihr Anliegen', en: 'Your request' },
  'dsr.message': { de: 'Nachricht', en: 'Message' },
  'dsr.messageHint': {
    de: 'Zum Beispiel, welche Angaben falsch sind und wie sie richtig lauten (bei einer Berichtigung nötig) oder welcher Verarbeitung Sie widersprechen.',
    en: 'For example, which details are wrong and what they should be (needed for a rectification), or which processing you object to.',
  },
  'dsr.messageNeeded': {
    de: 'Bitte schreiben Sie unter „Nachricht“, welche Angaben falsch sind und wie sie richtig lauten.',
    en: 'Please write under “Message” which details are wrong and what they should be.',
  },
  'dsr.submit': { de: 'Anfrage senden', en: 'Send request' },
  'dsr.done': {
    de: 'Danke, Ihre Anfrage {reference} ist eingegangen. Wir antworten spätestens bis zum {deadline}.',
    en: 'Thank you, your request {reference} has been received. We will answer by {deadline} at the latest.',
  },
});
