import type { Config } from '../../core/config/index.ts';
import type { Localized } from '../../core/i18n/index.ts';
import type { ModulePrivacy, Period } from '../../core/privacy/index.ts';
import { externalBasemapActivity } from './solar.basemap.ts';
import { markObjectionsOfGoneBuildings } from './solar.objection-lifetime.ts';
import { solarSubjects } from './solar.subjects.ts';
import type { SolarTables } from './solar.tables.ts';

export const SOLAR_ACTIVITY = {
  cadastre: 'solar.cadastre',
  objections: 'solar.objections',
  reports: 'solar.report-requests',
} as const;

/**
 * How long an objector's data outlives the building in the model (C26). Not at once: a tile is
 * imported after another, so a building moving between tiles is briefly in neither, and a
 * re-import may bring a building back under a new id; three months cover a model update.
 */
export const OBJECTION_KEPT_AFTER_GONE: Period = { months: 3 };

/**
 * Which columns of the cadastre are personal data. The model holds no names, but every building
 * has an address and an official id, and through the land register both lead to its owner (and
 * the address to the people living there): in Germany facts about an identifiable building are
 * personal data of its owner ("Sachdaten mit Personenbezug"; the supervisory authorities say so
 * for address-exact solar cadastres in particular), which is why owners and tenants may object
 * (C26). So everything the model says about a building is declared here – address, ids,
 * geometry and the computed figures; only keys, bookkeeping and values that are the same for
 * every building (the local optimum) are not.
 */
const cadastreColumns = {
  solar_buildings: {
    personal: [
      'alkis_id',
      'function',
      'roof_type',
      'measured_height_m',
      'part_count',
      'footprint',
      'centroid_lon',
      'centroid_lat',
      'min_x',
      'min_y',
      'max_x',
      'max_y',
      'obstacle_polygons',
    ],
    nonPersonal: ['id', 'tile_id', 'source_line'],
  },
  solar_addresses: {
    personal: ['part_id', 'street', 'number', 'postcode', 'town', 'street_key', 'number_key', 'address_key'],
    nonPersonal: ['id', 'building_id'],
  },
  solar_roof_surfaces: {
    personal: ['part_id', 'gml_id', 'polygons', 'polygon_count', 'area_m2', 'tilt_deg', 'azimuth_deg', 'facing_down'],
    nonPersonal: ['id', 'building_id', 'ordinal'],
  },
  solar_building_results: {
    personal: ['suitability', 'usable_area_m2', 'kwp', 'yield_kwh_per_year', 'co2_avoided_kg_per_year'],
    nonPersonal: ['building_id', 'run_id', 'optimum_kwh_m2', 'computed_at'],
  },
  solar_surface_results: {
    personal: [
      'irradiation_kwh_m2',
      'unshaded_kwh_m2',
      'shading_loss_percent',
      'sky_view_factor',
      'percent_of_optimum',
      'usable_area_m2',
      'kwp',
      'yield_kwh_per_year',
      'specific_yield_kwh_per_kwp',
      'co2_avoided_kg_per_year',
      'suitability',
      'best_rank',
      'monthly_kwh_m2',
    ],
    nonPersonal: ['surface_id', 'building_id', 'run_id', 'computed_at'],
  },
} satisfies Partial<Record<keyof SolarTables, { personal: string[]; nonPersonal: string[] }>>;

/** Safety nets under "deleted once handled" (C25), for requests nobody closes. */
export const REQUEST_KEPT_AFTER_SENDING: Period = { days: 30 };
export const REQUEST_KEPT_UNANSWERED: Period = { months: 6 };

const qualified = (table: string, columns: readonly string[]) => columns.map((c) => `${table}.${c}`);

const objectionColumns = [
  ...qualified('solar_objections', ['received_at', 'role', 'name', 'email', 'street', 'number', 'postcode', 'town']),
  // The blackout names the building, not the person; but the building points to its owner, and
  // that its owner or tenant objected is itself about them.
  ...qualified('solar_blackouts', ['alkis_id', 'address_key', 'created_at']),
];

const requestColumns = qualified('solar_report_requests', [
  'received_at',
  'role',
  'delivery',
  'name',
  'email',
  'postal_street',
  'postal_postcode',
  'postal_town',
  'postal_country',
  'building_street',
  'building_number',
  'building_postcode',
  'building_town',
  'verified_by',
  'verification_note',
  'sent_by',
  'rejection_note',
  'handled_by',
]);

const handled: Localized = {
  de: 'dem Abschluss der Bearbeitung (die Auswertung ist verschickt oder die Anfrage abgelehnt)',
  en: 'the request has been handled (the report has been sent or the request declined)',
};

/** The cadastre, objections to it and requests for the detailed figures (C23–C26). */
export function solarPrivacy(config: Config): ModulePrivacy {
  const basemap = externalBasemapActivity(config);
  return {
    activities: [
      {
        id: SOLAR_ACTIVITY.cadastre,
        title: { de: 'Solarkataster', en: 'Solar map' },
        purpose: {
          de: 'Wir reichern das 3D-Stadtmodell mit dem berechneten Solarpotenzial jedes Dachs an, damit Eigentümerinnen, Eigentümer, Mieterinnen und Mieter sehen, ob sich eine Photovoltaikanlage lohnt. Öffentlich zeigen wir davon nur Straße, Hausnummer und die Eignung des Dachs als Farbe; die Einzelwerte erhalten nur Eigentümer und Mieter des Gebäudes auf Anfrage.',
          en: 'We enrich the 3D city model with the computed solar potential of every roof, so that owners and tenants can see whether solar panels would pay off. Publicly we show only the street, the house number and the suitability of the roof as a colour; the detailed figures go only to the owners and tenants of the building, on request.',
        },
        legalBasis: ['f-legitimate-interests'],
        legalBasisNote: {
          de: 'Unser berechtigtes Interesse ist, den Ausbau der Solarenergie in unserem Versorgungsgebiet zu fördern. Gebäudedaten wie Adresse, Dachform und Ertrag beziehen sich auf die Eigentümer des Gebäudes; deshalb veröffentlichen wir so wenig wie möglich, und Sie können widersprechen: Nach Ihrem Widerspruch zeigen wir das Gebäude nicht mehr.',
          en: 'Our legitimate interest is furthering solar energy in the area we supply. Facts about a building such as its address, roof shape and yield relate to its owners; that is why we publish as little as possible, and you can object: once you do, we no longer show the building.',
        },
        dataSubjects: {
          de: 'Eigentümerinnen, Eigentümer, Mieterinnen und Mieter der Gebäude im Stadtmodell',
          en: 'Owners and tenants of the buildings in the city model',
        },
        dataCategories: [
          { de: 'Adresse und amtliche Kennung (ALKIS) des Gebäudes', en: 'address and official identifier (ALKIS) of the building' },
          { de: 'Grundriss, Höhe und Dachflächen des Gebäudes', en: 'ground plan, height and roof surfaces of the building' },
          {
            de: 'berechnete Werte je Dachfläche: Einstrahlung, Verschattung, nutzbare Fläche, Leistung, Ertrag, CO₂-Einsparung und Eignung',
            en: 'computed figures per roof surface: irradiation, shading, usable area, peak power, yield, CO₂ saved and suitability',
          },
        ],
        personalColumns: Object.entries(cadastreColumns).flatMap(([table, { personal }]) => qualified(table, personal)),
        recipients: {
          roles: ['energy-advice'],
          others: [
            {
              de: 'Die Öffentlichkeit sieht in der Karte und der Adresssuche nur Straße, Hausnummer und die Eignung als Farbe – keine Kennung und keine Einzelwerte. Die Karte zeichnet dazu die Gebäude mit Grundriss, Höhe und Dachflächen, wie sie das frei verfügbare 3D-Gebäudemodell des Landes ohnehin zeigt.',
              en: 'The public sees in the map and the address search only the street, the house number and the suitability as a colour – no identifier and no figures. To draw them the map shows the buildings with ground plan, height and roof surfaces, as the freely available 3D building model of the state shows them anyway.',
            },
          ],
        },
        source: {
          de: `das 3D-Gebäudemodell des Landes (${config.SOLAR_DATA_ATTRIBUTION}) und ein stündliches Wetterjahr; die Werte berechnen wir selbst`,
          en: `the state's 3D building model (${config.SOLAR_DATA_ATTRIBUTION}) and an hourly weather year; we compute the figures ourselves`,
        },
        retention: [],
        notes: [
          {
            de: 'Mit jeder Aktualisierung des Stadtmodells ersetzen wir die Daten eines Gebiets vollständig; ein Gebäude, das nicht mehr im Modell ist, wird dabei gelöscht.',
            en: 'With every update of the city model we replace the data of an area completely; a building no longer in the model is deleted then.',
          },
        ],
        claims: ['C23', 'C24'],
      },
      {
        id: SOLAR_ACTIVITY.objections,
        title: { de: 'Widerspruch gegen die Veröffentlichung im Solarkataster', en: 'Objection to publication in the solar map' },
        purpose: {
          de: 'Wir nehmen ein Gebäude auf Ihren Widerspruch hin sofort aus Karte, Adresssuche und Kartendaten und halten es auch nach jeder Aktualisierung des Stadtmodells heraus. Ihren Namen und Ihre E-Mail-Adresse speichern wir, um den Widerspruch nachweisen und Rückfragen beantworten zu können.',
          en: 'On your objection we take a building out of the map, the address search and the map data at once, and keep it out after every update of the city model. We keep your name and e-mail address to prove the objection and to answer questions about it.',
        },
        legalBasis: ['c-legal-obligation'],
        legalBasisNote: {
          de: 'Art. 21 DSGVO (Widerspruch) und Art. 5 Abs. 2 DSGVO (Nachweis).',
          en: 'Art. 21 GDPR (objection) and Art. 5(2) GDPR (proof).',
        },
        dataSubjects: { de: 'Eigentümerinnen, Eigentümer, Mieterinnen und Mieter, die widersprechen', en: 'Owners and tenants who object' },
        dataCategories: [
          { de: 'Name und E-Mail-Adresse', en: 'name and e-mail address' },
          { de: 'Adresse des Gebäudes und ob Sie es besitzen oder mieten', en: 'address of the building and whether you own or rent it' },
          {
            de: 'die Sperre selbst: Kennung und Adresse des Gebäudes, ohne Ihren Namen',
            en: 'the blackout itself: identifier and address of the building, without your name',
          },
        ],
        personalColumns: objectionColumns,
        recipients: { roles: ['energy-advice'] },
        source: { de: 'Sie selbst, über das Widerspruchsformular', en: 'you, through the objection form' },
        retention: [
          {
            id: 'building-gone',
            table: 'solar_objections',
            start: 'building_gone_at',
            startEvent: {
              de: 'dem Zeitpunkt, zu dem das Gebäude nicht mehr im Stadtmodell enthalten ist',
              en: 'the building is no longer part of the city model',
            },
            after: OBJECTION_KEPT_AFTER_GONE,
            action: { kind: 'delete' },
            holdable: true,
            // The mark is brought up to date first, so a building that came back is never counted as gone.
            prepare: async (ctx) => {
              await markObjectionsOfGoneBuildings(ctx.db.withTables<SolarTables>(), ctx.clock.now());
            },
            claims: ['C26'],
          },
        ],
        notes: [
          {
            de: 'Ihre Angaben bleiben gespeichert, solange das Gebäude im Stadtmodell enthalten ist. Die Sperre des Gebäudes bleibt auch danach bestehen, damit es nicht wieder erscheint, wenn es in einem späteren Modell zurückkehrt; sie enthält keinen Namen und keine E-Mail-Adresse.',
            en: 'Your details are kept as long as the building is part of the city model. The blackout of the building stays even after that, so that it does not reappear if a later model brings it back; it holds no name and no e-mail address.',
          },
        ],
        claims: ['C26'],
      },
      {
        id: SOLAR_ACTIVITY.reports,
        title: { de: 'Detaillierte Auswertung des Solarkatasters auf Anfrage', en: 'Detailed solar report on request' },
        purpose: {
          de: 'Sie erhalten die Einzelwerte Ihres Gebäudes (je Dachfläche Fläche, Neigung, Ausrichtung, Einstrahlung, Leistung, Ertrag, CO₂-Einsparung und Monatswerte) als PDF per E-Mail oder als Brief. Vorher prüft unsere Energieberatung, ob Sie Eigentümerin, Eigentümer, Mieterin oder Mieter des Gebäudes sind, und hält fest, wie sie das geprüft hat.',
          en: 'You receive the detailed figures of your building (per roof surface its area, tilt, orientation, irradiation, peak power, yield, CO₂ saved and monthly values) as a PDF by e-mail or as a letter. Before that our energy advice checks that you own or rent the building, and records how they checked it.',
        },
        legalBasis: ['b-contract', 'f-legitimate-interests'],
        legalBasisNote: {
          de: 'Die Auswertung ist eine Leistung, die Sie bei uns anfordern (Art. 6 Abs. 1 lit. b DSGVO). Dass wir vorher prüfen, ob Sie Eigentümerin, Eigentümer, Mieterin oder Mieter sind, schützt die Eigentümer, auf die sich die Werte beziehen (Art. 6 Abs. 1 lit. f DSGVO).',
          en: 'The report is a service you ask us for (Art. 6(1)(b) GDPR). Checking first that you own or rent the building protects the owners the figures relate to (Art. 6(1)(f) GDPR).',
        },
        dataSubjects: { de: 'Personen, die eine Auswertung anfordern', en: 'People who ask for a report' },
        dataCategories: [
          { de: 'Name, Postanschrift und E-Mail-Adresse', en: 'name, postal address and e-mail address' },
          {
            de: 'Adresse des Gebäudes, ob Sie es besitzen oder mieten, und der gewünschte Versandweg',
            en: 'address of the building, whether you own or rent it, and how you would like the report',
          },
          {
            de: 'wer die Anfrage wie geprüft, abgelehnt oder beantwortet hat',
            en: 'who checked, declined or answered the request, and how',
          },
        ],
        personalColumns: requestColumns,
        recipients: { roles: ['energy-advice'] },
        source: { de: 'Sie selbst, über das Anfrageformular', en: 'you, through the request form' },
        retention: [
          {
            id: 'handled',
            table: 'solar_report_requests',
            start: 'handled_at',
            startEvent: handled,
            after: { days: 0 },
            action: { kind: 'delete' },
            holdable: true,
            claims: ['C25'],
          },
          {
            // A report that went out answers the request; a request nobody closed must not stay for ever.
            id: 'sent-not-closed',
            table: 'solar_report_requests',
            start: 'sent_at',
            startEvent: {
              de: 'dem Versand der Auswertung, wenn die Anfrage bis dahin nicht abgeschlossen ist',
              en: 'the report was sent, if the request has not been closed by then',
            },
            after: REQUEST_KEPT_AFTER_SENDING,
            where: [{ column: 'handled_at', op: 'is null' }],
            action: { kind: 'delete' },
            holdable: true,
            claims: ['C25'],
          },
          {
            // Someone who never shows they own or rent the building gets no report, and no one keeps their request.
            id: 'unanswered',
            table: 'solar_report_requests',
            start: 'received_at',
            startEvent: {
              de: 'dem Eingang der Anfrage, wenn wir die Auswertung bis dahin nicht verschicken konnten (etwa weil die Berechtigung nicht nachgewiesen wurde)',
              en: 'the request arrived, if we could not send the report by then (for instance because the entitlement was never shown)',
            },
            after: REQUEST_KEPT_UNANSWERED,
            where: [
              { column: 'sent_at', op: 'is null' },
              { column: 'handled_at', op: 'is null' },
            ],
            action: { kind: 'delete' },
            holdable: true,
            claims: ['C25'],
          },
        ],
        notes: [
          {
            de: 'Die Auswertung, die wir Ihnen per E-Mail oder Brief schicken, bleibt danach noch so lange in unserem Postausgang, wie unter „Versand von E-Mails“ und „Briefe“ beschrieben.',
            en: 'The report we send you by e-mail or letter then stays in our outbox as long as described under “Sending e-mail” and “Letters”.',
          },
        ],
        claims: ['C25'],
      },
      ...(basemap ? [basemap] : []),
    ],
    personalTables: {
      ...Object.fromEntries(Object.entries(cadastreColumns).map(([table, { nonPersonal }]) => [table, { nonPersonal }])),
      solar_objections: { nonPersonal: ['id', 'locale', 'building_gone_at'] },
      solar_blackouts: { nonPersonal: ['id', 'objection_id'] },
      solar_report_requests: {
        nonPersonal: ['id', 'reference', 'locale', 'status', 'verified_at', 'sent_at', 'sent_via', 'handled_at'],
      },
    },
    subjects: solarSubjects,
  };
}
