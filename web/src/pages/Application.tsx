/** Placeholder until this page is built. */
import { Page } from '../components/ui.js';

export function ApplicationPage(_props: Record<string, unknown>) {
  return <Page title="Application"><p className="muted">Coming soon.</p></Page>;
}
