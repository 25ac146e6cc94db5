import { credentialMessages } from '../../core/auth/index.ts';
import { defineMessages } from '../../core/i18n/index.ts';

/** The portal's frame, registration, activation, sign-in, password reset and the customer's access. */
export const portalMessages = defineMessages({
  ...credentialMessages,
  'menu.label': { de: 'Kundenportal', en: 'Customer portal' },
  'menu.toggle': { de: 'Portal-Menü', en: 'Portal menu' },
  'menu.overview': { de: 'Übersicht', en: 'Overview' },
  'menu.invoices': { de: 'Rechnungen', en: 'Invoices' },
  'menu.meterReading': { de: 'Zählerstand melden', en: 'Meter reading' },
  'menu.instalment': { de: 'Abschlag ändern', en: 'Instalment' },
  'menu.bankAccount': { de: 'Bankverbindung', en: 'Bank details' },
  'menu.move': { de: 'Umzug melden', en: 'Moving' },
  'menu.log': { de: 'Protokoll', en: 'Log' },
  'menu.account': { de: 'Mein Zugang', en: 'My access' },
  'menu.signOut': { de: 'Abmelden', en: 'Sign out' },
  'menu.signedInAs': { de: 'Angemeldet: {name}, Kundennummer {number}', en: 'Signed in: {name}, customer number {number}' },

  'register.title': { de: 'Für das Kundenportal registrieren', en: 'Register for the customer portal' },
  'register.intro': {
    de: 'Sie brauchen Ihre Kundennummer, Ihren Nachnamen und die Postleitzahl Ihres Wohnorts, so wie sie auf Ihrer Rechnung stehen. Den Aktivierungsschlüssel schicken wir Ihnen danach per Post oder per E-Mail; erst mit ihm wird Ihr Zugang nutzbar.',
    en: 'You need your customer number, your last name and the postcode of where you live, as they appear on your invoice. We then send you the activation key by post or by e-mail; only with it does your access work.',
  },
  'register.customerNumber': { de: 'Kundennummer', en: 'Customer number' },
  'register.customerNumberHint': { de: 'Steht oben rechts auf jeder Rechnung.', en: 'Printed at the top right of every invoice.' },
  'register.name': { de: 'Nachname', en: 'Last name' },
  'register.nameHint': { de: 'Wie auf Ihrer Rechnung.', en: 'As on your invoice.' },
  'register.postcode': { de: 'Postleitzahl Ihres Wohnorts', en: 'Postcode of where you live' },
  'register.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'register.emailHint': { de: 'Mit ihr melden Sie sich später an.', en: 'You sign in with it later.' },
  'register.password': { de: 'Passwort', en: 'Password' },
  'register.passwordHint': {
    de: 'Mindestens 12 Zeichen, gern ein ganzer Satz. Sonderzeichen sind nicht vorgeschrieben; häufig verwendete Passwörter lehnen wir ab.',
    en: 'At least 12 characters, a whole sentence is fine. No special characters are required; commonly used passwords are refused.',
  },
  'register.repeat': { de: 'Passwort wiederholen', en: 'Repeat the password' },
  'register.channel': { de: 'Aktivierungsschlüssel erhalten', en: 'Receive the activation key' },
  'register.channel.post': {
    de: 'per Post an meine Vertragsanschrift (gilt {days} Tage)',
    en: 'by post to my contract address (valid for {days} days)',
  },
  'register.channel.email': {
    de: 'per E-Mail, wenn die Adresse oben die in Ihrem Vertrag hinterlegte ist (gilt {hours} Stunden); sonst per Post',
    en: 'by e-mail if the address above is the one your contract holds (valid for {hours} hours); otherwise by post',
  },
  'register.submit': { de: 'Registrieren', en: 'Register' },
  'register.privacy': {
    de: 'Was wir mit Ihren Angaben tun, lesen Sie in unserer Datenschutzerklärung.',
    en: 'What we do with your details is explained in our privacy statement.',
  },
  'register.done.title': { de: 'Vielen Dank für Ihre Registrierung', en: 'Thank you for registering' },
  'register.done.post': {
    de: 'Wenn Ihre Angaben zu unseren Vertragsdaten passen, schicken wir Ihnen den Aktivierungsschlüssel in den nächsten Tagen per Post an Ihre Vertragsanschrift. Er gilt {days} Tage.',
    en: 'If your details match our contract data, we send the activation key to your contract address by post within the next few days. It is valid for {days} days.',
  },
  'register.done.email': {
    de: 'Wenn Ihre Angaben zu unseren Vertragsdaten passen, schicken wir Ihnen den Aktivierungsschlüssel: per E-Mail, wenn Sie die in Ihrem Vertrag hinterlegte Adresse angegeben haben (er gilt dann {hours} Stunden), sonst in den nächsten Tagen per Post an Ihre Vertragsanschrift (er gilt dann {days} Tage).',
    en: 'If your details match our contract data, we send you the activation key: by e-mail if you gave the address your contract holds (it is then valid for {hours} hours), otherwise by post to your contract address within the next few days (it is then valid for {days} days).',
  },
  'register.done.hint': {
    de: 'Zum Schutz Ihrer Daten sagen wir hier nicht, ob die Angaben gepasst haben. Kommt nichts an, prüfen Sie bitte Kundennummer, Namen und Postleitzahl auf Ihrer Rechnung und registrieren Sie sich erneut – oder rufen Sie uns an: {phone}.',
    en: 'To protect your data we do not say here whether the details matched. If nothing arrives, please check the customer number, name and postcode on your invoice and register again – or call us: {phone}.',
  },
  'register.haveKey': { de: 'Aktivierungsschlüssel erhalten? Zugang aktivieren', en: 'Received your activation key? Activate your access' },
  'register.haveAccess': { de: 'Schon registriert? Anmelden', en: 'Already registered? Sign in' },

  'activationMail.subject': { de: 'Ihr Aktivierungsschlüssel für das Kundenportal', en: 'Your activation key for the customer portal' },
  'activationMail.body': {
    de: 'Guten Tag {name},\n\nIhr Aktivierungsschlüssel für das Kundenportal lautet:\n\n    {key}\n\nEr gilt bis {until} und nur einmal. Aktivieren Sie Ihren Zugang hier:\n{link}\n\nHaben Sie sich nicht registriert? Dann ignorieren Sie diese E-Mail: Ohne den Schlüssel ist der Zugang nicht nutzbar und wird nach Ablauf gelöscht.\n\nIhre {org}',
    en: 'Hello {name},\n\nyour activation key for the customer portal is:\n\n    {key}\n\nIt is valid until {until} and only once. Activate your access here:\n{link}\n\nDid you not register? Then ignore this e-mail: without the key the access cannot be used and is deleted when it expires.\n\n{org}',
  },
  'activationLetter.subject': { de: 'Ihr Aktivierungsschlüssel für das Kundenportal', en: 'Your activation key for the customer portal' },
  'activationLetter.intro': {
    de: 'Sie haben sich am {date} für unser Kundenportal registriert. Ihr persönlicher Aktivierungsschlüssel lautet:',
    en: 'You registered for our customer portal on {date}. Your personal activation key is:',
  },
  'activationLetter.how': {
    de: 'Geben Sie ihn zusammen mit E-Mail-Adresse und Passwort Ihrer Registrierung auf {url} ein. Der Schlüssel gilt bis zum {until} und nur einmal.',
    en: 'Enter it together with the e-mail address and password you registered with at {url}. The key is valid until {until} and only once.',
  },
  'activationLetter.notYou': {
    de: 'Haben Sie sich nicht registriert? Dann vernichten Sie diesen Brief bitte; ohne den Schlüssel ist der Zugang nicht nutzbar.',
    en: 'Did you not register? Then please destroy this letter; without the key the access cannot be used.',
  },
  'letter.salutation.ms': { de: 'Sehr geehrte Frau {name},', en: 'Dear Ms {name},' },
  'letter.salutation.mr': { de: 'Sehr geehrter Herr {name},', en: 'Dear Mr {name},' },
  'letter.salutation.none': { de: 'Guten Tag {name},', en: 'Dear {name},' },
  'letter.closing': { de: 'Mit freundlichen Grüßen', en: 'Kind regards' },
  'existingMail.subject': {
    de: 'Erneute Registrierung für Ihren Zugang zum Kundenportal',
    en: 'Another registration for your customer portal access',
  },
  'existingMail.body': {
    de: 'Guten Tag,\n\nfür Ihre Kundennummer gibt es bereits einen Zugang zum Kundenportal mit dieser E-Mail-Adresse. Soeben hat sich jemand erneut registriert; an Ihrem Zugang wurde nichts geändert.\n\nPasswort vergessen? Hier legen Sie ein neues fest:\n{link}\n\nIhre {org}',
    en: 'Hello,\n\nyour customer number already has a customer portal access with this e-mail address. Someone has just registered again; nothing was changed on your access.\n\nForgot your password? Set a new one here:\n{link}\n\n{org}',
  },

  'activate.title': { de: 'Zugang aktivieren', en: 'Activate your access' },
  'activate.intro': {
    de: 'Geben Sie die E-Mail-Adresse und das Passwort Ihrer Registrierung und den Aktivierungsschlüssel aus unserem Brief oder unserer E-Mail ein.',
    en: 'Enter the e-mail address and the password you registered with and the activation key from our letter or e-mail.',
  },
  'activate.password': { de: 'Passwort Ihrer Registrierung', en: 'Password you registered with' },
  'activate.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'activate.key': { de: 'Aktivierungsschlüssel', en: 'Activation key' },
  'activate.keyHint': { de: '16 Zeichen, zum Beispiel 7KQ4-M2XP-9BZT-W3HD', en: '16 characters, for example 7KQ4-M2XP-9BZT-W3HD' },
  'activate.submit': { de: 'Aktivieren', en: 'Activate' },
  'activate.failed': {
    de: 'Schlüssel oder Passwort passen nicht, oder der Schlüssel ist abgelaufen oder wurde schon verwendet. Nach {max} Fehlversuchen wird er ungültig; registrieren Sie sich dann bitte erneut.',
    en: 'The key or the password does not match, or the key has expired or was used already. After {max} wrong tries it becomes void; please register again then.',
  },
  'activate.done': { de: 'Ihr Zugang ist aktiviert. Bitte melden Sie sich an.', en: 'Your access is activated. Please sign in.' },

  'signIn.title': { de: 'Anmelden im Kundenportal', en: 'Sign in to the customer portal' },
  'signIn.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'signIn.password': { de: 'Passwort', en: 'Password' },
  'signIn.submit': { de: 'Anmelden', en: 'Sign in' },
  'signIn.failed': { de: 'E-Mail-Adresse oder Passwort stimmen nicht.', en: 'E-mail address or password is wrong.' },
  'signIn.pending': {
    de: 'Ihr Zugang ist noch nicht aktiviert. Geben Sie zuerst den Aktivierungsschlüssel ein.',
    en: 'Your access is not activated yet. Please enter the activation key first.',
  },
  'signIn.wait': {
    de: 'Zu viele Fehlversuche. Bitte warten Sie {seconds} Sekunden und versuchen Sie es dann erneut.',
    en: 'Too many failed attempts. Please wait {seconds} seconds, then try again.',
  },
  'signIn.waitOne': {
    de: 'Zu viele Fehlversuche. Bitte warten Sie 1 Sekunde und versuchen Sie es dann erneut.',
    en: 'Too many failed attempts. Please wait 1 second, then try again.',
  },
  'signIn.locked': {
    de: 'Für diesen Zugang gab es zu viele Fehlversuche, er ist gesperrt. Wenn es ihn gibt, haben wir an seine E-Mail-Adresse einen Link geschickt, mit dem Sie sich trotzdem anmelden.',
    en: 'There were too many failed attempts for this access, so it is locked. If it exists, we have sent a link to its e-mail address with which you can still sign in.',
  },
  'signIn.unlock': {
    de: 'Melden Sie sich jetzt mit Ihrem Passwort an; dieser Link gilt eine Stunde und einmal.',
    en: 'Sign in with your password now; this link is valid for one hour and once.',
  },
  'unlockMail.subject': { de: 'Anmeldung im Kundenportal entsperren', en: 'Unlock signing in to the customer portal' },
  'unlockMail.body': {
    de: 'Guten Tag,\n\nfür Ihren Zugang zum Kundenportal gab es viele Anmeldeversuche mit falschem Passwort. Zu Ihrem Schutz ist die Anmeldung gesperrt. Mit diesem Link melden Sie sich trotzdem an (er gilt eine Stunde und einmal):\n\n{link}\n\nWenn Sie es nicht waren: Ihr Passwort ist weiterhin sicher, solange es niemand kennt. Ändern Sie es im Zweifel nach der Anmeldung.\n\nIhre {org}',
    en: 'Hello,\n\nthere were many sign-in attempts with a wrong password for your customer portal access. To protect you, signing in is locked. With this link you can still sign in (valid for one hour and once):\n\n{link}\n\nIf it was not you: your password stays safe as long as nobody knows it. If in doubt, change it after signing in.\n\n{org}',
  },
  'signIn.cookie': {
    de: 'Mit der Anmeldung setzen wir ein Sitzungs-Cookie. Es endet mit der Abmeldung, nach 30 Minuten ohne Aktivität und spätestens nach 12 Stunden.',
    en: 'Signing in sets a session cookie. It ends when you sign out, after 30 minutes without activity and after 12 hours at the latest.',
  },
  'signIn.forgot': { de: 'Passwort vergessen?', en: 'Forgot your password?' },
  'signIn.register': { de: 'Noch kein Zugang? Jetzt registrieren', en: 'No access yet? Register now' },
  'signIn.activate': { de: 'Aktivierungsschlüssel erhalten? Zugang aktivieren', en: 'Received your activation key? Activate your access' },
  'signIn.signedOut': { de: 'Sie sind abgemeldet.', en: 'You are signed out.' },
  'code.submit': { de: 'Weiter', en: 'Continue' },

  'forgot.title': { de: 'Passwort vergessen', en: 'Forgot your password' },
  'forgot.intro': {
    de: 'Geben Sie die E-Mail-Adresse Ihres Zugangs ein. Gibt es dazu einen aktiven Zugang, schicken wir Ihnen einen Link, mit dem Sie ein neues Passwort festlegen. Er gilt eine Stunde.',
    en: 'Enter the e-mail address of your access. If there is an active access for it, we send you a link to set a new password. It is valid for one hour.',
  },
  'forgot.email': { de: 'E-Mail-Adresse', en: 'E-mail address' },
  'forgot.submit': { de: 'Link anfordern', en: 'Send the link' },
  'forgot.done': {
    de: 'Wenn es zu dieser Adresse einen aktiven Zugang gibt, ist der Link unterwegs. Er gilt eine Stunde.',
    en: 'If there is an active access for this address, the link is on its way. It is valid for one hour.',
  },
  'resetMail.subject': { de: 'Neues Passwort für das Kundenportal', en: 'New password for the customer portal' },
  'resetMail.body': {
    de: 'Guten Tag,\n\nüber diesen Link legen Sie ein neues Passwort für Ihren Zugang zum Kundenportal fest. Er gilt eine Stunde und nur einmal:\n{link}\n\nHaben Sie das nicht angefordert? Dann ignorieren Sie diese E-Mail; Ihr Passwort bleibt, wie es ist.\n\nIhre {org}',
    en: 'Hello,\n\nuse this link to set a new password for your customer portal access. It is valid for one hour and only once:\n{link}\n\nDid you not ask for it? Then ignore this e-mail; your password stays as it is.\n\n{org}',
  },
  'newPassword.title': { de: 'Neues Passwort festlegen', en: 'Set a new password' },
  'newPassword.invalid': {
    de: 'Dieser Link ist ungültig, abgelaufen oder wurde schon verwendet. Fordern Sie bitte einen neuen an.',
    en: 'This link is invalid, expired or was used already. Please ask for a new one.',
  },
  'newPassword.submit': { de: 'Passwort speichern', en: 'Save the password' },
  'newPassword.done': { de: 'Ihr Passwort ist gespeichert. Bitte melden Sie sich an.', en: 'Your password is saved. Please sign in.' },

  'password.wrong': { de: 'Das Passwort stimmt nicht.', en: 'The password is wrong.' },
  'error.postcode': { de: 'Bitte geben Sie eine fünfstellige Postleitzahl an.', en: 'Please enter a five-digit postcode.' },
  'error.customerNumber': {
    de: 'Bitte geben Sie Ihre Kundennummer an (Ziffern und Buchstaben).',
    en: 'Please enter your customer number (digits and letters).',
  },
  'error.confirm': { de: 'Bitte bestätigen Sie das.', en: 'Please confirm this.' },
});
