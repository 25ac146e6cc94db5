import type { Organisation } from '../config/index.ts';
import type { FieldErrors, FormValues } from '../forms/index.ts';
import { formatDateTime, translator } from '../i18n/index.ts';
import type { StaffNavItem } from '../module.ts';
import { allRoles, type Role, roleLabel } from '../roles.ts';
import { CheckboxGroup, Form, type StaffFrame, StaffLayout, SubmitButton, TextField, type ViewContext } from '../views/index.ts';
import type { RoleGrant } from './staff.grants.ts';
import { staffMessages } from './staff.messages.ts';
import type { StaffMember } from './staff.queries.ts';

/** A one-line outcome above the page's content, announced to screen readers. */
function StatusNotice({ text }: { text?: string | undefined }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

/** Officer roles waiting for a second person: each with approve and reject, except for whom it concerns. */
export function PendingGrants({ view, frame, grants }: Page & { grants: RoleGrant[] }) {
  const t = translator(staffMessages, view.locale);
  if (!grants.length) return null;
  return (
    <section aria-labelledby="grants">
      <h2 id="grants">{t('grant.pending')}</h2>
      <p>{t('grant.pendingIntro')}</p>
      <ul>
        {grants.map((g) => {
          const own = g.requested_by === frame.staffId || g.staff_id === frame.staffId;
          return (
            <li key={g.id}>
              {t('grant.item', {
                role: roleLabel(view.org, g.role as Role)[view.locale],
                name: g.staff_name,
                by: g.requested_by_name,
                date: formatDateTime(g.requested_at, view.locale),
              })}{' '}
              {own ? (
                <em>{t('grant.own')}</em>
              ) : (
                <form method="post" action={`/staff/mitarbeitende/freigaben/${g.id}`} class="inline-form">
                  <input type="hidden" name="_csrf" value={frame.csrfToken} />
                  <button type="submit" name="decision" value="approve" class="button">
                    {t('grant.approve')}
                  </button>{' '}
                  <button type="submit" name="decision" value="reject" class="button button--secondary">
                    {t('grant.reject')}
                  </button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

interface Page {
  view: ViewContext;
  frame: StaffFrame;
}

export function Dashboard({
  view,
  frame,
  roles,
  areas,
  counts,
}: Page & { roles: readonly Role[]; areas: readonly StaffNavItem[]; counts: ReadonlyMap<string, number> }) {
  const t = translator(staffMessages, view.locale);
  return (
    <StaffLayout view={view} title={t('area.home')} staff={frame}>
      <h1>{t('area.home')}</h1>
      <p>{t('dashboard.intro')}</p>
      <p>
        {t('dashboard.roles')}:{' '}
        {roles.map((r) => (
          <span class="tag" key={r}>
            {roleLabel(view.org, r)[view.locale]}
          </span>
        ))}
      </p>
      {areas.length === 0 ? (
        <p>{t('dashboard.none')}</p>
      ) : (
        <ul class="cards">
          {areas.map((a) => (
            <li key={a.id}>
              <a href={a.href}>
                {a.label[view.locale]}
                {counts.has(a.id) ? <span class="cards__count"> {t('dashboard.open', { count: counts.get(a.id) ?? 0 })}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      )}
    </StaffLayout>
  );
}

export function AccountPage({ view, frame, values, errors, saved }: Page & { values?: FormValues; errors?: FieldErrors; saved?: boolean }) {
  const t = translator(staffMessages, view.locale);
  const labels = { current: t('account.current'), password: t('invite.password'), repeat: t('invite.repeat') };
  return (
    <StaffLayout view={view} title={t('account.title')} staff={frame}>
      <h1>{t('account.title')}</h1>
      {saved ? (
        <p class="notice" role="status">
          {t('account.saved')}
        </p>
      ) : null}
      <h2>{t('account.changePassword')}</h2>
      <Form view={view} action="/staff/konto" errors={errors} labels={labels} csrfToken={frame.csrfToken}>
        <TextField
          view={view}
          name="current"
          type="password"
          label={labels.current}
          required
          autocomplete="current-password"
          values={values}
          errors={errors}
          size="medium"
        />
        <TextField
          view={view}
          name="password"
          type="password"
          label={labels.password}
          required
          autocomplete="new-password"
          errors={errors}
          size="medium"
        />
        <TextField
          view={view}
          name="repeat"
          type="password"
          label={labels.repeat}
          required
          autocomplete="new-password"
          errors={errors}
          size="medium"
        />
        <SubmitButton>{t('account.save')}</SubmitButton>
      </Form>
      <h2>{t('recovery.title')}</h2>
      <form method="post" action="/staff/konto/wiederherstellungscodes">
        <input type="hidden" name="_csrf" value={frame.csrfToken} />
        <button type="submit" class="button button--secondary">
          {t('recovery.renew')}
        </button>
      </form>
    </StaffLayout>
  );
}

function roleOptions(org: Organisation, locale: 'de' | 'en') {
  return allRoles(org).map((r) => ({ value: r, label: roleLabel(org, r)[locale] }));
}

export function StaffListPage({
  view,
  frame,
  members,
  grants = [],
  notice,
}: Page & { members: StaffMember[]; grants?: RoleGrant[]; notice?: string | undefined }) {
  const t = translator(staffMessages, view.locale);
  return (
    <StaffLayout view={view} title={t('staff.title')} staff={frame}>
      <h1>{t('staff.title')}</h1>
      <StatusNotice text={notice} />
      <PendingGrants view={view} frame={frame} grants={grants} />
      <p>
        <a class="button" href="/staff/mitarbeitende/neu">
          {t('staff.invite')}
        </a>
      </p>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('staff.name')}</th>
            <th scope="col">{t('staff.email')}</th>
            <th scope="col">{t('staff.roles')}</th>
            <th scope="col">{t('staff.status')}</th>
            <th scope="col">{t('staff.lastLogin')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>
                <a href={`/staff/mitarbeitende/${m.id}`}>{m.name}</a>
              </td>
              <td>{m.email}</td>
              <td>
                {m.roles.map((r) => (
                  <span class="tag" key={r}>
                    {roleLabel(view.org, r)[view.locale]}
                  </span>
                ))}
              </td>
              <td>{!m.active ? t('staff.inactive') : m.hasSecondFactor ? t('staff.active') : t('staff.invited')}</td>
              <td>{m.lastLoginAt ? formatDateTime(m.lastLoginAt, view.locale) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </StaffLayout>
  );
}

export function InviteStaffPage({
  view,
  frame,
  values,
  errors,
  link,
  notice,
}: Page & { values?: FormValues; errors?: FieldErrors; link?: string; notice?: string | undefined }) {
  const t = translator(staffMessages, view.locale);
  const labels = { name: t('staff.name'), email: t('staff.email'), roles: t('staff.roles') };
  return (
    <StaffLayout view={view} title={t('staff.invite')} staff={frame}>
      <h1>{t('staff.invite')}</h1>
      <StatusNotice text={notice} />
      {link ? (
        <div class="notice" role="status">
          <p>{t('staff.invitationLink')}</p>
          <p>
            <code class="secret">{link}</code>
          </p>
        </div>
      ) : (
        <Form view={view} action="/staff/mitarbeitende/neu" errors={errors} labels={labels} csrfToken={frame.csrfToken}>
          <TextField
            view={view}
            name="name"
            label={labels.name}
            required
            autocomplete="off"
            values={values}
            errors={errors}
            size="medium"
          />
          <TextField
            view={view}
            name="email"
            type="email"
            label={labels.email}
            required
            autocomplete="off"
            values={values}
            errors={errors}
            size="medium"
          />
          <CheckboxGroup
            view={view}
            name="roles"
            label={labels.roles}
            required
            options={roleOptions(view.org, view.locale)}
            values={values}
            errors={errors}
          />
          <SubmitButton>{t('staff.invite')}</SubmitButton>
        </Form>
      )}
    </StaffLayout>
  );
}

export function EditStaffPage({
  view,
  frame,
  member,
  errors,
  link,
  saved,
  grants = [],
  notice,
}: Page & {
  member: StaffMember;
  errors?: FieldErrors;
  link?: string;
  saved?: boolean;
  grants?: RoleGrant[];
  notice?: string | undefined;
}) {
  const t = translator(staffMessages, view.locale);
  return (
    <StaffLayout view={view} title={member.name} staff={frame}>
      <h1>{member.name}</h1>
      <StatusNotice text={notice} />
      <PendingGrants view={view} frame={frame} grants={grants} />
      <p>
        {member.email} · {!member.active ? t('staff.inactive') : member.hasSecondFactor ? t('staff.active') : t('staff.invited')}
      </p>
      {saved ? (
        <p class="notice" role="status">
          {t('staff.saved')}
        </p>
      ) : null}
      {link ? (
        <div class="notice" role="status">
          <p>{t('staff.invitationLink')}</p>
          <p>
            <code class="secret">{link}</code>
          </p>
        </div>
      ) : null}
      <Form
        view={view}
        action={`/staff/mitarbeitende/${member.id}/rollen`}
        errors={errors}
        labels={{ roles: t('staff.roles') }}
        csrfToken={frame.csrfToken}
        showRequiredNote={false}
      >
        <CheckboxGroup
          view={view}
          name="roles"
          label={t('staff.roles')}
          required
          options={roleOptions(view.org, view.locale)}
          values={{ roles: member.roles }}
          errors={errors}
        />
        <SubmitButton>{t('staff.save')}</SubmitButton>
      </Form>
      {member.active ? (
        <>
          <form method="post" action={`/staff/mitarbeitende/${member.id}/einladung`} class="inline-form">
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <button type="submit" class="button button--secondary">
              {t('staff.reinvite')}
            </button>
          </form>{' '}
          <form method="post" action={`/staff/mitarbeitende/${member.id}/deaktivieren`} class="inline-form">
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <button type="submit" class="button button--secondary">
              {t('staff.deactivate')}
            </button>
          </form>
        </>
      ) : null}
    </StaffLayout>
  );
}
