/**
 * The frame: who is signed in, their navigation, the first-run setup, and the page for the current
 * path. A local install has one user (the key's session); a shared server has accounts, and each
 * role its own frame: job seekers the pages below, coaches their dashboard, admins the accounts.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { needsSignIn, sessionEvents, type AccountJson } from './api.js';
import { AccountMenu } from './components/AccountMenu.js';
import { ErrorNote, Loading } from './components/ui.js';
import { useData } from './data.js';
import { fetchProfile, fetchSession, profileEvents } from './prefetch.js';
import { Setup } from './pages/Setup.js';
import { Today } from './pages/Today.js';
import { lazyPage } from './lazy.js';
import { Link, match, navigate, useLocation } from './router.js';
import { sectionOf } from './settings-sections.js';

// Pages other than Today load on first visit: the first paint carries only what Today needs.
const Pipeline = lazyPage(() => import('./pages/Pipeline.js').then((m) => m.Pipeline));
const ApplicationPage = lazyPage(() => import('./pages/Application.js').then((m) => m.ApplicationPage));
const NewApplication = lazyPage(() => import('./pages/NewApplication.js').then((m) => m.NewApplication));
const NewInterview = lazyPage(() => import('./pages/NewInterview.js').then((m) => m.NewInterview));
const DraftEditor = lazyPage(() => import('./pages/Draft.js').then((m) => m.DraftEditor));
const CallAssistant = lazyPage(() => import('./pages/Call.js').then((m) => m.CallAssistant));
const Offers = lazyPage(() => import('./pages/Offers.js').then((m) => m.Offers));
const SettingsPage = lazyPage(() => import('./pages/Settings.js').then((m) => m.SettingsPage));
// A shared server's pages: never loaded on a local install.
const SignIn = lazyPage(() => import('./pages/SignIn.js').then((m) => m.SignIn));
const AcceptInvitation = lazyPage(() => import('./pages/SignIn.js').then((m) => m.AcceptInvitation));
const ResetPassword = lazyPage(() => import('./pages/SignIn.js').then((m) => m.ResetPassword));
const CoachDashboard = lazyPage(() => import('./pages/Coach.js').then((m) => m.CoachDashboard));
const CoachSeeker = lazyPage(() => import('./pages/Coach.js').then((m) => m.CoachSeeker));
const CoachApplication = lazyPage(() => import('./pages/Coach.js').then((m) => m.CoachApplication));
const AdminAccounts = lazyPage(() => import('./pages/Admin.js').then((m) => m.AdminAccounts));

type Nav = readonly (readonly [string, string])[];

const SEEKER_NAV: Nav = [['/', 'Today'], ['/pipeline', 'Pipeline'], ['/offers', 'Offers'], ['/settings', 'Settings']];
const COACH_NAV: Nav = [['/', 'Job seekers']];
const ADMIN_NAV: Nav = [['/', 'Accounts']];

function NotFound() {
  return <section className="page"><h1 tabIndex={-1}>Not found</h1><p>No page at this address. <Link href="/">Back to the start</Link></p></section>;
}

function Route({ path, query, userZone, shared }: { path: string; query: URLSearchParams; userZone: string; shared: boolean }) {
  let m: Record<string, string> | undefined;
  if (path === '/' || path === '') return <Today userZone={userZone} shared={shared} />;
  if (path === '/pipeline') return <Pipeline userZone={userZone} />;
  if (path === '/offers') return <Offers />;
  if (path === '/settings' || path.startsWith('/settings/')) {
    const section = sectionOf(path);
    return section ? <SettingsPage section={section} /> : <NotFound />;
  }
  if (path === '/applications/new') return <NewApplication />;
  if ((m = match('/applications/:id/interviews/new', path))) return <NewInterview applicationId={m['id'] ?? ''} userZone={userZone} />;
  if ((m = match('/applications/:id/draft', path))) return <DraftEditor applicationId={m['id'] ?? ''} query={query} userZone={userZone} />;
  if ((m = match('/applications/:id/call', path))) return <CallAssistant applicationId={m['id'] ?? ''} query={query} userZone={userZone} />;
  if ((m = match('/applications/:id', path))) return <ApplicationPage applicationId={m['id'] ?? ''} userZone={userZone} shared={shared} />;
  return <NotFound />;
}

function CoachRoute({ path }: { path: string }) {
  let m: Record<string, string> | undefined;
  if (path === '/' || path === '') return <CoachDashboard />;
  if ((m = match('/seekers/:seekerId/applications/:id', path))) return <CoachApplication seekerId={m['seekerId'] ?? ''} applicationId={m['id'] ?? ''} />;
  if ((m = match('/seekers/:seekerId', path))) return <CoachSeeker seekerId={m['seekerId'] ?? ''} />;
  return <NotFound />;
}

/**
 * After each navigation (not the first page load), the focus moves to the new page's main heading,
 * so keyboard and screen-reader users start there; and the tab's title names the page. Pages load
 * their code and data after the address changes, so the heading is waited for (and followed if it
 * is replaced) until the person moves the focus themselves, or for ten seconds.
 */
function useHeadingFocus(main: RefObject<HTMLElement | null>, path: string): void {
  const firstPage = useRef(true);
  useEffect(() => {
    const root = main.current;
    if (!root) return;
    const initial = firstPage.current;
    firstPage.current = false;
    // What had the focus when the address changed: the link or button that navigated, which may stay on screen (Settings' own navigation).
    const from = document.activeElement;
    let focused: HTMLElement | null = null;
    let settled = false;
    const place = (): void => {
      const heading = root.querySelector<HTMLElement>('h1');
      const name = heading?.textContent?.trim();
      if (name) document.title = `${name} · Afterword`;
      if (initial || settled || !heading || (heading === focused && document.activeElement === heading)) return;
      const active = document.activeElement;
      // The person is somewhere on the new page already (a field, a button): leave them there.
      if (active && active !== document.body && active !== focused && active !== from && root.contains(active)) {
        settle();
        return;
      }
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      focused = heading;
    };
    const settle = (): void => {
      settled = true;
    };
    const observer = new MutationObserver(place);
    place();
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    window.addEventListener('keydown', settle, true);
    window.addEventListener('pointerdown', settle, true);
    const timer = window.setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
      window.removeEventListener('keydown', settle, true);
      window.removeEventListener('pointerdown', settle, true);
    };
  }, [main, path]);
}

/** The header and main of every page: navigation (when signed in), the account's menu, and the focus moved to each new page's heading. */
function Shell({ nav, path, account, onSignedOut, action, children }: {
  nav: Nav; path: string; account?: AccountJson | null | undefined; onSignedOut?: (notice: string) => void; action?: ReactNode; children: ReactNode;
}) {
  const main = useRef<HTMLElement>(null);
  useHeadingFocus(main, path);
  const section = nav.find(([href]) => (href === '/' ? path === '/' : path.startsWith(href)))?.[0]
    ?? (path.startsWith('/applications') && nav.some(([href]) => href === '/pipeline') ? '/pipeline' : path.startsWith('/seekers') ? '/' : undefined);
  const home = nav[0]?.[1];
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        {home ? <Link href="/" className="brand" aria-label={`Afterword, ${home}`}>Afterword</Link> : <span className="brand">Afterword</span>}
        {nav.length > 0 && (
          <nav aria-label="Main">
            <ul>
              {nav.map(([href, label]) => (
                <li key={href}><Link href={href} aria-current={section === href ? 'page' : undefined}>{label}</Link></li>
              ))}
            </ul>
          </nav>
        )}
        {(action || account) && (
          <div className="top-end">
            {action}
            {account && onSignedOut && <AccountMenu account={account} onSignedOut={onSignedOut} />}
          </div>
        )}
      </header>
      <main id="main" ref={main}>{children}</main>
    </>
  );
}

/** A job seeker's frame (and a local install's): their profile first, the setup when there is none. */
function SeekerFrame({ account, path, query, onSignedOut }: { account: AccountJson | null; path: string; query: URLSearchParams; onSignedOut: (notice: string) => void }) {
  const profile = useData(fetchProfile, []);
  const { reload } = profile;
  useEffect(() => {
    profileEvents.addEventListener('change', reload);
    return () => profileEvents.removeEventListener('change', reload);
  }, [reload]);
  // The pages a click away from Today load while the user reads it.
  useEffect(() => {
    const warm = (): void => {
      void ApplicationPage.preload();
      void DraftEditor.preload();
    };
    const idle = window.requestIdleCallback?.bind(window);
    if (idle) idle(warm, { timeout: 2000 });
    else window.setTimeout(warm, 500);
  }, []);
  return (
    <Shell nav={SEEKER_NAV} path={path} account={account} onSignedOut={onSignedOut}
      action={<Link href="/applications/new" className="button primary small">New application</Link>}>
      {profile.data === undefined ? (profile.error ? <ErrorNote error={profile.error} /> : <Loading what="your profile" />)
        : profile.data === null ? <Setup onDone={profile.reload} {...(account ? { name: account.name } : {})} />
          : <Route path={path} query={query} userZone={profile.data.settings.timeZone as string} shared={account !== null} />}
    </Shell>
  );
}

/**
 * Who is signed in decides the frame. `onSwitch` (signed in, out, or the session ended) starts the
 * frame afresh: nothing of the previous account stays on screen or in memory.
 */
function Frame({ notice, onSwitch }: { notice: string | undefined; onSwitch: (notice?: string) => void }) {
  const { path, query } = useLocation();
  const session = useData(fetchSession, []);
  const account = session.data?.account ?? null;
  const signedIn = useRef(false);
  signedIn.current = account !== null;
  // Any request that finds the session gone (expired, or ended on another device) brings the sign-in page.
  useEffect(() => {
    const ended = (): void => {
      if (signedIn.current) onSwitch('Your session has ended: sign in again.');
    };
    sessionEvents.addEventListener('signed-out', ended);
    return () => sessionEvents.removeEventListener('signed-out', ended);
  }, [onSwitch]);

  const signedOut = session.data === undefined && needsSignIn(session.error);
  const shared = account !== null || signedOut;
  const signedInAgain = (): void => {
    // The token is spent: keep it out of the address bar and the history.
    if (path === '/accept' || path === '/reset') navigate('/', { replace: true });
    onSwitch();
  };
  const signedOutNow = (text: string): void => {
    navigate('/', { replace: true });
    onSwitch(text);
  };

  if (shared && path === '/accept') return <Shell nav={[]} path={path}><AcceptInvitation token={query.get('token') ?? ''} onSignedIn={signedInAgain} /></Shell>;
  if (shared && path === '/reset') return <Shell nav={[]} path={path}><ResetPassword token={query.get('token') ?? ''} onDone={() => signedOutNow('Your password is changed. Sign in with the new one.')} /></Shell>;
  if (signedOut) return <Shell nav={[]} path={path}><SignIn notice={notice} onSignedIn={signedInAgain} /></Shell>;
  if (session.data === undefined && session.loading) return <Shell nav={[]} path={path}><Loading what="Afterword" /></Shell>;
  if (account?.role === 'coach') return <Shell nav={COACH_NAV} path={path} account={account} onSignedOut={signedOutNow}><CoachRoute path={path} /></Shell>;
  if (account?.role === 'admin') {
    return <Shell nav={ADMIN_NAV} path={path} account={account} onSignedOut={signedOutNow}>{path === '/' ? <AdminAccounts self={account} /> : <NotFound />}</Shell>;
  }
  // A job seeker, or a local install (no account): if the session could not be read, the profile's request says why.
  return <SeekerFrame account={account} path={path} query={query} onSignedOut={signedOutNow} />;
}

export function App() {
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<string>();
  const onSwitch = useCallback((text?: string): void => {
    setNotice(text);
    setGeneration((g) => g + 1);
  }, []);
  return <Frame key={generation} notice={notice} onSwitch={onSwitch} />;
}
