import { authModule } from './core/auth/index.ts';
import { lettersModule } from './core/letters/index.ts';
import { mailModule } from './core/mail/index.ts';
import type { ModuleDefinition } from './core/module.ts';
import { privacyModule } from './core/privacy/index.ts';
import { uploadsModule } from './core/uploads/index.ts';
import { accesslogModule } from './modules/accesslog/index.ts';
import { analyticsModule } from './modules/analytics/index.ts';
import { careersModule } from './modules/careers/index.ts';
import { contactModule } from './modules/contact/index.ts';
import { contestModule } from './modules/contest/index.ts';
import { gdprModule } from './modules/gdpr/index.ts';
import { mediaModule } from './modules/media/index.ts';
import { newsletterModule } from './modules/newsletter/index.ts';
import { portalModule } from './modules/portal/index.ts';
import { siteModule } from './modules/site/index.ts';
import { smsModule } from './modules/sms/index.ts';
import { solarModule } from './modules/solar/index.ts';
import { sponsoringModule } from './modules/sponsoring/index.ts';

/**
 * Every module of the platform, registered once. The server, the migrator, the scheduler and
 * the CLI all read this list; nothing is discovered by globbing.
 * The access log comes before every module with hooks, so its hooks see every request (mail
 * and letters, first, have none).
 */
export const modules: readonly ModuleDefinition[] = [
  mailModule,
  lettersModule,
  accesslogModule,
  analyticsModule,
  authModule,
  privacyModule,
  gdprModule,
  uploadsModule,
  siteModule,
  portalModule,
  smsModule,
  contactModule,
  solarModule,
  contestModule,
  careersModule,
  newsletterModule,
  mediaModule,
  sponsoringModule,
];
