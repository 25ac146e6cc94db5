/** Where the energy advice's inbox of report requests lives (navigation and routes share it). */
export const STAFF_PATH = '/staff/solar/auswertungen';
