/** The frame: navigation, the first-run setup, and the page for the current path. */
import { useEffect, useRef } from 'react';
import { ErrorNote, Loading } from './components/ui.js';
import { useData } from './data.js';
import { fetchProfile, profileEvents } from './prefetch.js';
import { Setup } from './pages/Setup.js';
import { Today } from './pages/Today.js';
import { lazyPage } from './lazy.js';
import { Link, match, useLocation } from './router.js';

// Pages other than Today load on first visit: the first paint carries only what Today needs.
const Pipeline = lazyPage(() => import('./pages/Pipeline.js').then((m) => m.Pipeline));
const ApplicationPage = lazyPage(() => import('./pages/Application.js').then((m) => m.ApplicationPage));
const NewApplication = lazyPage(() => import('./pages/NewApplication.js').then((m) => m.NewApplication));
const NewInterview = lazyPage(() => import('./pages/NewInterview.js').then((m) => m.NewInterview));
const DraftEditor = lazyPage(() => import('./pages/Draft.js').then((m) => m.DraftEditor));
const CallAssistant = lazyPage(() => import('./pages/Call.js').then((m) => m.CallAssistant));
const Offers = lazyPage(() => import('./pages/Offers.js').then((m) => m.Offers));
const SettingsPage = lazyPage(() => import('./pages/Settings.js').then((m) => m.SettingsPage));

const NAV: readonly [string, string][] = [['/', 'Today'], ['/pipeline', 'Pipeline'], ['/offers', 'Offers'], ['/settings', 'Settings']];

function Route({ path, query, userZone }: { path: string; query: URLSearchParams; userZone: string }) {
  let m: Record<string, string> | undefined;
  if (path === '/' || path === '') return <Today userZone={userZone} />;
  if (path === '/pipeline') return <Pipeline />;
  if (path === '/offers') return <Offers />;
  if (path === '/settings') return <SettingsPage />;
  if (path === '/applications/new') return <NewApplication />;
  if ((m = match('/applications/:id/interviews/new', path))) return <NewInterview applicationId={m['id'] ?? ''} userZone={userZone} />;
  if ((m = match('/applications/:id/draft', path))) return <DraftEditor applicationId={m['id'] ?? ''} query={query} userZone={userZone} />;
  if ((m = match('/applications/:id/call', path))) return <CallAssistant applicationId={m['id'] ?? ''} query={query} userZone={userZone} />;
  if ((m = match('/applications/:id', path))) return <ApplicationPage applicationId={m['id'] ?? ''} userZone={userZone} />;
  return <section className="page"><h1 tabIndex={-1}>Not found</h1><p>No page at this address. <Link href="/">Back to Today</Link></p></section>;
}

export function App() {
  const { path, query } = useLocation();
  const profile = useData(fetchProfile, []);
  const main = useRef<HTMLElement>(null);
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
  // Move focus to the new page's heading on navigation, so keyboard and screen-reader users land on it.
  useEffect(() => {
    main.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [path]);
  const section = NAV.find(([href]) => (href === '/' ? path === '/' : path.startsWith(href)))?.[0]
    ?? (path.startsWith('/applications') ? '/pipeline' : undefined);
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <Link href="/" className="brand" aria-label="Afterword, Today">Afterword</Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}><Link href={href} aria-current={section === href ? 'page' : undefined}>{label}</Link></li>
            ))}
          </ul>
        </nav>
        <Link href="/applications/new" className="button primary small">New application</Link>
      </header>
      <main id="main" ref={main}>
        {profile.data === undefined ? (profile.error ? <ErrorNote error={profile.error} /> : <Loading what="your profile" />)
          : profile.data === null ? <Setup onDone={profile.reload} />
            : (
              <Route path={path} query={query} userZone={profile.data.settings.timeZone as string} />
            )}
      </main>
    </>
  );
}
