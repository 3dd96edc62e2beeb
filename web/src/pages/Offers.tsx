/** Placeholder until this page is built. */
import { Page } from '../components/ui.js';

export function Offers(_props: Record<string, unknown>) {
  return <Page title="Offers"><p className="muted">Coming soon.</p></Page>;
}
