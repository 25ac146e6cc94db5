import type { GlossaryLinks } from '../views/index.ts';
import { glossary } from './glossary.ts';
import { statementPaths } from './statement.model.ts';

/** The statement's glossary, for `RichText` on any page that speaks of personal data. */
export const privacyGlossary: GlossaryLinks = {
  terms: glossary,
  page: { de: statementPaths.de.glossary, en: statementPaths.en.glossary },
};
