// The demo customer as the portal benchmarks meet it: seed-demo prints a link to set the
// password; the benchmark sets one, signs in and loads the pages with the session cookie.

export const DEMO_EMAIL = 'erika.mustermann@example.org';
export const DEMO_PASSWORD = 'benchmark sentence for the demo customer';

/** The key of the set-password link that `seed-demo` prints for the demo customer. */
export function demoPasswordKey(seedOutput: string): string {
  const key = /passwort-neu\?key=([\w-]+)/.exec(seedOutput)?.[1];
  if (!key) throw new Error('seed-demo printed no link for the demo customer');
  return key;
}

/** A form post the way a browser sends it, without following the redirect. */
export function formPost(data: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(data).toString(),
    redirect: 'manual',
  };
}

/** Sets the demo customer's password through the link's key and signs in: the session cookie. */
export async function signInDemoCustomer(origin: string, key: string): Promise<string> {
  const set = await fetch(`${origin}/portal/passwort-neu`, formPost({ key, password: DEMO_PASSWORD, repeat: DEMO_PASSWORD }));
  if (set.status !== 303) throw new Error(`setting the demo password failed (${set.status})`);
  const signIn = await fetch(`${origin}/portal/anmelden`, formPost({ email: DEMO_EMAIL, password: DEMO_PASSWORD }));
  const cookie = /__Host-portal=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`sign-in failed (${signIn.status})`);
  return cookie;
}
