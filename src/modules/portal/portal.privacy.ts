import type { Config } from '../../core/config/index.ts';
import type { ModulePrivacy } from '../../core/privacy/index.ts';
import { PORTAL_LOG_DAYS } from './portal.log.ts';
import { portalSubjects } from './portal.subjects.ts';

export const CONTRACT_ACTIVITY = 'portal.contract-data';
export const ACCESS_ACTIVITY = 'portal.online-access';
export const LOG_ACTIVITY = 'portal.access-log';
export const TASKS_ACTIVITY = 'portal.tasks';

/**
 * The customer portal's processing. Contract data is only what concluding and running the supply
 * contract yields (C37) and comes from the billing system; the online access, its log and the
 * tasks the business processes leave are the portal's own.
 */
export function portalPrivacy(config: Config): ModulePrivacy {
  return {
    activities: [
      {
        id: CONTRACT_ACTIVITY,
        title: { de: 'Ihre Vertragsdaten im Kundenportal', en: 'Your contract data in the customer portal' },
        purpose: {
          de: 'Im Kundenportal sehen Sie Ihre Verträge, Zählpunkte, Zählerstände, Verbräuche, Abschläge, Rechnungen und Ihre Bankverbindung und können Geschäftsvorfälle online anstoßen. Das Portal enthält nur Daten, die wir aus Abschluss und Durchführung Ihrer Versorgungsverträge kennen; jede Kundin und jeder Kunde sieht nur die eigenen.',
          en: 'In the customer portal you see your contracts, metering points, meter readings, consumption, instalments, invoices and your bank details, and can start business processes online. The portal holds only data we know from concluding and running your supply contracts; each customer sees only their own.',
        },
        legalBasis: ['b-contract', 'c-legal-obligation'],
        legalBasisNote: {
          de: 'Durchführung Ihres Versorgungsvertrags; Aufbewahrung nach § 147 AO und § 257 HGB.',
          en: 'Performing your supply contract; retention under § 147 AO and § 257 HGB.',
        },
        dataSubjects: { de: 'Kundinnen und Kunden mit Versorgungsvertrag', en: 'Customers with a supply contract' },
        dataCategories: [
          {
            de: 'Kundennummer, Anrede, Name, Anschrift, die im Vertrag angegebene E-Mail-Adresse und Telefonnummer',
            en: 'customer number, salutation, name, address, the e-mail address and phone number given in the contract',
          },
          {
            de: 'Verträge: Sparte, Tarif, Lieferadresse, Laufzeit, Abschlag, Verbrauchsprognose',
            en: 'contracts: commodity, tariff, supply address, term, instalment, consumption forecast',
          },
          { de: 'Zählpunkte, Zähler und Zählerstände', en: 'metering points, meters and meter readings' },
          { de: 'Abschlagsplan und Rechnungen', en: 'instalment plan and invoices' },
          {
            de: 'SEPA-Lastschriftmandat: Kontoinhaber, IBAN, Mandatsreferenz',
            en: 'SEPA direct debit mandate: account holder, IBAN, mandate reference',
          },
        ],
        personalColumns: [
          'portal_customers.customer_number',
          'portal_customers.salutation',
          'portal_customers.first_name',
          'portal_customers.last_name',
          'portal_customers.street',
          'portal_customers.postcode',
          'portal_customers.city',
          'portal_customers.email',
          'portal_customers.phone',
          'portal_customers.contracts_ended_at',
          'portal_contracts.customer_id',
          'portal_contracts.contract_number',
          'portal_contracts.commodity',
          'portal_contracts.tariff',
          'portal_contracts.supply_street',
          'portal_contracts.supply_postcode',
          'portal_contracts.supply_city',
          'portal_contracts.start_date',
          'portal_contracts.end_date',
          'portal_contracts.instalment_cents',
          'portal_contracts.annual_estimate',
          'portal_metering_points.location_id',
          'portal_meters.meter_number',
          'portal_meters.installed_on',
          'portal_meters.removed_on',
          'portal_meter_readings.read_on',
          'portal_meter_readings.value',
          'portal_meter_readings.source',
          'portal_instalments.due_on',
          'portal_instalments.amount_cents',
          'portal_invoices.invoice_number',
          'portal_invoices.issued_on',
          'portal_invoices.period_from',
          'portal_invoices.period_to',
          'portal_invoices.consumption',
          'portal_invoices.net_cents',
          'portal_invoices.vat_cents',
          'portal_invoices.gross_cents',
          'portal_invoices.instalments_paid_cents',
          'portal_bank_mandates.customer_id',
          'portal_bank_mandates.mandate_reference',
          'portal_bank_mandates.account_holder',
          'portal_bank_mandates.iban',
          'portal_bank_mandates.signed_on',
          'portal_bank_mandates.revoked_on',
        ],
        recipients: { roles: ['customer-service'] },
        source: {
          de: 'unser Abrechnungssystem (aus Ihrem Vertrag) und Ihre eigenen Angaben im Portal',
          en: 'our billing system (from your contract) and what you enter in the portal',
        },
        retention: [
          {
            id: 'contract-ended',
            table: 'portal_customers',
            start: 'contracts_ended_at',
            startEvent: {
              de: 'dem Ende Ihres letzten Vertrags (mit allen Verträgen, Zählerständen, Rechnungen und Mandaten)',
              en: 'your last contract ended (with every contract, reading, invoice and mandate)',
            },
            after: { years: 10 },
            action: { kind: 'delete' },
            holdable: true,
            claims: ['C37'],
          },
          {
            id: 'old-readings',
            table: 'portal_meter_readings',
            start: 'read_on',
            startEvent: { de: 'der Ablesung (Zählerstände)', en: 'the reading (meter readings)' },
            after: { years: 10 },
            action: { kind: 'delete' },
            claims: ['C37'],
          },
          {
            id: 'old-invoices',
            table: 'portal_invoices',
            start: 'issued_on',
            startEvent: { de: 'dem Rechnungsdatum (Rechnungen)', en: 'the invoice date (invoices)' },
            after: { years: 10 },
            action: { kind: 'delete' },
            claims: ['C37'],
          },
          {
            id: 'old-instalments',
            table: 'portal_instalments',
            start: 'due_on',
            startEvent: { de: 'der Fälligkeit (Abschläge)', en: 'the due date (instalments)' },
            after: { years: 10 },
            action: { kind: 'delete' },
            claims: ['C37'],
          },
          {
            id: 'revoked-mandates',
            table: 'portal_bank_mandates',
            start: 'revoked_on',
            startEvent: {
              de: 'dem Widerruf des Lastschriftmandats (Frist für Erstattungsansprüche aus Lastschriften)',
              en: 'the direct debit mandate was revoked (the period for refund claims on direct debits)',
            },
            after: { months: 14 },
            action: { kind: 'delete' },
            claims: ['C37'],
          },
        ],
        claims: ['C33', 'C34', 'C37'],
      },
      {
        id: ACCESS_ACTIVITY,
        title: { de: 'Ihr Zugang zum Kundenportal', en: 'Your access to the customer portal' },
        purpose: {
          de: 'Zur Registrierung geben Sie Kundennummer, Name, Wohnort, E-Mail-Adresse und ein Passwort an. Den Aktivierungsschlüssel schicken wir Ihnen nach Wahl per Post an Ihre Vertragsanschrift oder per E-Mail; erst danach ist der Zugang nutzbar. Mit der E-Mail-Adresse melden Sie sich an und setzen ein vergessenes Passwort zurück. Den Zugang können Sie jederzeit im Portal löschen; Ihre Vertragsdaten bleiben davon unberührt.',
          en: 'To register you give your customer number, name, place of residence, e-mail address and a password. We send the activation key, as you choose, by post to your contract address or by e-mail; only then can the access be used. You sign in with the e-mail address and reset a forgotten password with it. You can delete the access in the portal at any time; your contract data is not affected.',
        },
        legalBasis: ['b-contract'],
        dataSubjects: { de: 'Kundinnen und Kunden mit Zugang zum Kundenportal', en: 'Customers with access to the customer portal' },
        dataCategories: [
          {
            de: 'E-Mail-Adresse, Passwort (nur als Argon2id-Hash), Sprache',
            en: 'e-mail address, password (only as an Argon2id hash), language',
          },
          {
            de: 'freiwillig: Geheimnis des zweiten Faktors (verschlüsselt) und Wiederherstellungscodes (nur als Hash)',
            en: 'optional: second-factor secret (encrypted) and recovery codes (only as hashes)',
          },
          {
            de: 'Aktivierungs- und Bestätigungsschlüssel (nur als Hash), Zeitpunkte der Registrierung, Aktivierung und letzten Anmeldung',
            en: 'activation and confirmation keys (only as hashes), times of registration, activation and last sign-in',
          },
        ],
        personalColumns: [
          'portal_accounts.customer_id',
          'portal_accounts.email',
          'portal_accounts.password_hash',
          'portal_accounts.totp_secret',
          'portal_accounts.recovery_code_hashes',
          'portal_accounts.locale',
          'portal_accounts.created_at',
          'portal_accounts.activated_at',
          'portal_accounts.last_login_at',
          'portal_account_keys.account_id',
          'portal_account_keys.new_email',
          'portal_account_keys.created_at',
        ],
        recipients: { roles: [] },
        source: { de: 'Ihre Registrierung', en: 'your registration' },
        retention: [
          {
            id: 'never-activated',
            table: 'portal_accounts',
            start: 'created_at',
            startEvent: {
              de: 'der Registrierung, wenn der Zugang nie aktiviert wurde',
              en: 'registration, if the access was never activated',
            },
            after: { days: config.PORTAL_ACTIVATION_POST_DAYS + 1 },
            where: [{ column: 'status', op: '=', value: 'pending' }],
            action: { kind: 'delete' },
            claims: ['C36'],
          },
          {
            id: 'expired-keys',
            table: 'portal_account_keys',
            start: 'expires_at',
            startEvent: { de: 'dem Ablauf eines Schlüssels', en: 'a key expired' },
            after: { days: 1 },
            action: { kind: 'delete' },
            claims: ['C36'],
          },
        ],
        notes: [
          {
            de: 'Nach dem Löschen des Zugangs erreichen Sie uns weiter per Post, Telefon, E-Mail oder persönlich im Kundenzentrum.',
            en: 'After the access is deleted you can still reach us by post, phone, e-mail or in person at the customer centre.',
          },
        ],
        claims: ['C35', 'C36', 'C39'],
      },
      {
        id: LOG_ACTIVITY,
        title: { de: 'Protokoll des Kundenportals', en: 'Customer portal log' },
        purpose: {
          de: 'Wir protokollieren Anmeldungen und die Vorgänge, die Sie im Portal auslösen, mit Zeitpunkt und IP-Adresse. Das Protokoll weist den Zugriff nach, hilft bei der Aufklärung von Missbrauch, und Sie sehen es selbst im Portal.',
          en: 'We log sign-ins and the processes you start in the portal, with time and IP address. The log proves access, helps to clear up misuse, and you see it yourself in the portal.',
        },
        legalBasis: ['b-contract', 'f-legitimate-interests'],
        legalBasisNote: {
          de: 'Unser berechtigtes Interesse ist die Sicherheit Ihres Zugangs.',
          en: 'Our legitimate interest is the security of your access.',
        },
        dataSubjects: { de: 'Kundinnen und Kunden mit Zugang zum Kundenportal', en: 'Customers with access to the customer portal' },
        dataCategories: [
          {
            de: 'Zeitpunkt, Vorgang (etwa Anmeldung, Zählerstand gemeldet), Aktenzeichen, IP-Adresse',
            en: 'time, process (such as sign-in, meter reading reported), reference, IP address',
          },
        ],
        personalColumns: [
          'portal_access_log.account_id',
          'portal_access_log.occurred_at',
          'portal_access_log.action',
          'portal_access_log.detail',
          'portal_access_log.ip',
        ],
        recipients: { roles: [] },
        source: { de: 'Ihre Nutzung des Portals', en: 'your use of the portal' },
        retention: [
          {
            id: 'expire',
            table: 'portal_access_log',
            start: 'occurred_at',
            startEvent: { de: 'dem protokollierten Vorgang', en: 'the logged event' },
            after: { days: PORTAL_LOG_DAYS },
            action: { kind: 'delete' },
            claims: ['C38'],
          },
        ],
        claims: ['C38'],
      },
      {
        id: TASKS_ACTIVITY,
        title: { de: 'Ihre Anliegen aus dem Kundenportal', en: 'Your requests from the customer portal' },
        purpose: {
          de: 'Zählerstände, Abschlagsänderungen, neue Bankverbindungen, Umzüge und neue E-Mail-Adressen, die Sie im Portal melden, bearbeitet unser Kundenservice und überträgt sie in die Abrechnung.',
          en: 'Meter readings, instalment changes, new bank details, moves and new e-mail addresses you report in the portal are handled by our customer service, who carry them into billing.',
        },
        legalBasis: ['b-contract'],
        dataSubjects: { de: 'Kundinnen und Kunden mit Zugang zum Kundenportal', en: 'Customers with access to the customer portal' },
        dataCategories: [
          {
            de: 'Art des Anliegens und Ihre Angaben dazu (etwa Zählerstand, Betrag, Kontoinhaber und IBAN, neue Anschrift)',
            en: 'kind of request and what you entered (such as meter reading, amount, account holder and IBAN, new address)',
          },
        ],
        personalColumns: [
          'portal_tasks.reference',
          'portal_tasks.customer_id',
          'portal_tasks.contract_id',
          'portal_tasks.kind',
          'portal_tasks.payload',
          'portal_tasks.answer',
          'portal_tasks.created_at',
        ],
        recipients: { roles: ['customer-service'] },
        source: { de: 'Ihre Angaben im Portal', en: 'what you enter in the portal' },
        retention: [
          {
            id: 'handled',
            table: 'portal_tasks',
            start: 'done_at',
            startEvent: {
              de: 'der Erledigung (die Abrechnung bewahrt das Ergebnis nach ihren eigenen Fristen auf)',
              en: 'it was handled (billing keeps the result under its own periods)',
            },
            after: { years: 1 },
            action: { kind: 'delete' },
            holdable: true,
            claims: ['C33'],
          },
        ],
        claims: ['C33'],
      },
    ],
    personalTables: {
      portal_customers: { nonPersonal: ['id', 'imported_at'] },
      portal_contracts: { nonPersonal: ['id', 'imported_at'] },
      portal_metering_points: { nonPersonal: ['id', 'contract_id', 'imported_at'] },
      portal_meters: { nonPersonal: ['id', 'metering_point_id', 'unit', 'imported_at'] },
      portal_meter_readings: { nonPersonal: ['id', 'meter_id', 'created_at', 'awaiting_check'] },
      portal_instalments: { nonPersonal: ['id', 'contract_id'] },
      portal_invoices: { nonPersonal: ['id', 'contract_id', 'imported_at'] },
      portal_bank_mandates: { nonPersonal: ['id', 'imported_at'] },
      portal_accounts: { nonPersonal: ['id', 'status', 'totp_last_step'] },
      portal_account_keys: { nonPersonal: ['id', 'purpose', 'channel', 'key_hash', 'expires_at', 'used_at', 'failed_attempts'] },
      portal_access_log: { nonPersonal: ['id'] },
      portal_tasks: { nonPersonal: ['id', 'status', 'done_at', 'done_by', 'outcome'] },
    },
    subjects: portalSubjects,
  };
}
