import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Generated, Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import type { FieldErrors, FormValues } from '../../../src/core/forms/form-validation.ts';
import { HttpError } from '../../../src/core/http/errors.tsx';
import { type AppContext, defineModule } from '../../../src/core/module.ts';
import {
  defineUploadPolicy,
  saveWithFiles,
  sendPublishedFile,
  sendStaffFile,
  UploadField,
  validateUploadForm,
} from '../../../src/core/uploads/index.ts';
import { Form, SubmitButton, TextField } from '../../../src/core/views/forms.tsx';
import { Layout } from '../../../src/core/views/layout.tsx';
import { sendPage } from '../../../src/core/views/render.ts';
import { viewContextFor } from '../../../src/core/views/view-context.ts';

/**
 * A module that exists only in tests: a form with a photo and documents, as a real module
 * would build one with the upload facility (public and staff), a staff download and a public
 * route that serves a photo only once published.
 */
export const ACTIVITY = 'uploadtest.entries';
export const TABLE = 'uploadtest_entries';

export const policy = defineUploadPolicy({
  activity: ACTIVITY,
  purpose: 'entry-files',
  fields: {
    photo: { accept: ['image'], maxBytes: 1_048_576, variants: [{ name: 'w64', maxEdge: 64 }] },
    documents: { accept: ['pdf'], maxBytes: 4 * 1_048_576, maxFiles: 3 },
  },
});

const schema = z.object({ name: z.string().trim().min(1).max(100), email: z.email().optional().or(z.literal('')) });
const labels = { name: 'Name', email: 'E-Mail', photo: 'Foto', documents: 'Unterlagen' };

type Tables = { uploadtest_entries: { id: Generated<string>; name: string; email: string | null; published: boolean; created_at: Date } };

function FormPage({
  request,
  ctx,
  errors,
  values,
  action,
}: {
  request: FastifyRequest;
  ctx: AppContext;
  errors: FieldErrors;
  values: FormValues;
  action: string;
}) {
  const view = viewContextFor(request);
  return (
    <Layout view={view} title="Upload test">
      <h1>Upload test</h1>
      <Form
        view={view}
        action={action}
        errors={errors}
        labels={labels}
        enctype="multipart/form-data"
        csrfToken={request.staff?.session.csrfToken}
      >
        <TextField view={view} name="name" label={labels.name} required values={values} errors={errors} />
        <TextField view={view} name="email" label={labels.email} type="email" values={values} errors={errors} />
        <UploadField view={view} config={ctx.config} policy={policy} name="photo" label={labels.photo} errors={errors} />
        <UploadField view={view} config={ctx.config} policy={policy} name="documents" label={labels.documents} errors={errors} />
        <SubmitButton>Senden</SubmitButton>
      </Form>
    </Layout>
  );
}

function submit(ctx: AppContext, action: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const view = viewContextFor(request);
    const form = await validateUploadForm(request, ctx, schema, { locale: view.locale, labels });
    if (!form.ok)
      return sendPage(
        reply,
        <FormPage request={request} ctx={ctx} errors={form.errors} values={form.values} action={action} />,
        form.status,
      );
    const id = await saveWithFiles(ctx, form.files, async (trx, attach) => {
      const row = await trx
        .withTables<Tables>()
        .insertInto(TABLE)
        .values({ name: form.data.name, email: form.data.email || null, published: false, created_at: ctx.clock.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await attach({ table: TABLE, id: row.id });
      return row.id;
    });
    return reply.redirect(`/upload-test/danke/${id}`, 303);
  };
}

export const uploadFixtureModule = defineModule({
  name: 'uploadtest',
  migrations: {
    '20261201T0901_uploadtest_create_entries': {
      async up(db) {
        await db.schema
          .createTable(TABLE)
          .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('email', 'text')
          .addColumn('published', 'boolean', (c) => c.notNull())
          .addColumn('created_at', 'timestamptz', (c) => c.notNull())
          .execute();
      },
    },
  },
  privacy: {
    activities: [
      {
        id: ACTIVITY,
        title: { de: 'Testeinträge', en: 'Test entries' },
        purpose: { de: 'Test', en: 'Test' },
        legalBasis: ['a-consent'],
        dataSubjects: { de: 'Testpersonen', en: 'Test people' },
        dataCategories: [{ de: 'Name', en: 'name' }],
        personalColumns: [`${TABLE}.name`, `${TABLE}.email`],
        recipients: { roles: ['hr'] },
        source: { de: 'Test', en: 'Test' },
        retention: [
          {
            id: 'expire',
            table: TABLE,
            start: 'created_at',
            startEvent: { de: 'dem Eingang', en: 'receipt' },
            after: { days: 30 },
            action: { kind: 'delete' },
            claims: [],
          },
        ],
        claims: [],
      },
    ],
    personalTables: { [TABLE]: { nonPersonal: ['id', 'published', 'created_at'] } },
    subjects: {
      async find(db, subject) {
        if (!subject.email) return [];
        const rows = await (db as Kysely<Tables>).selectFrom(TABLE).select(['id', 'name']).where('email', '=', subject.email).execute();
        return rows.map((r) => ({
          activity: ACTIVITY,
          table: TABLE,
          recordId: r.id,
          summary: { de: r.name, en: r.name },
          data: { name: r.name },
        }));
      },
      async erase(db, records) {
        const ids = records.map((r) => r.recordId);
        if (ids.length) await (db as Kysely<Tables>).deleteFrom(TABLE).where('id', 'in', ids).execute();
        return records.map((r) => ({ activity: r.activity, table: r.table, recordId: r.recordId, outcome: 'deleted' as const }));
      },
    },
  },
  routes: (app, ctx) => {
    const db = ctx.db.withTables<Tables>();
    app.get('/upload-test', (request, reply) =>
      sendPage(reply, <FormPage request={request} ctx={ctx} errors={{}} values={{}} action="/upload-test" />),
    );
    app.post('/upload-test', { config: { upload: policy } }, submit(ctx, '/upload-test'));
    app.post(
      '/staff/upload-test',
      { config: { upload: policy, staff: { activity: ACTIVITY, action: 'change' } } },
      submit(ctx, '/staff/upload-test'),
    );
    app.get('/upload-test/danke/:id', (_request, reply) => reply.send('ok'));
    app.get<{ Params: { id: string; fileId: string }; Querystring: { v?: string } }>(
      '/staff/upload-test/:id/dateien/:fileId',
      { config: { staff: { activity: ACTIVITY, action: 'read' } } },
      (request, reply) =>
        sendStaffFile(request, reply, ctx, {
          owner: { table: TABLE, id: request.params.id },
          fileId: request.params.fileId,
          rendition: request.query.v ?? 'original',
        }),
    );
    app.get<{ Params: { id: string; fileId: string } }>('/upload-test/:id/foto/:fileId', async (request, reply) => {
      const entry = /^[0-9a-f-]{36}$/.test(request.params.id)
        ? await db.selectFrom(TABLE).select('published').where('id', '=', request.params.id).executeTakeFirst()
        : undefined;
      // Publication is this module's decision, made on every request.
      if (!entry?.published) throw new HttpError(404);
      return sendPublishedFile(request, reply, ctx, {
        owner: { table: TABLE, id: request.params.id },
        fileId: request.params.fileId,
        rendition: 'w64',
      });
    });
  },
});
