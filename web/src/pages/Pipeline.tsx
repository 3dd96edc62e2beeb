/** Placeholder until this page is built. */
import { Page } from '../components/ui.js';

export function Pipeline(_props: Record<string, unknown>) {
  return <Page title="Pipeline"><p className="muted">Coming soon.</p></Page>;
}
