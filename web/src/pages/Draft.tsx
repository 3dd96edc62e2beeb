/** Placeholder until this page is built. */
import { Page } from '../components/ui.js';

export function DraftEditor(_props: Record<string, unknown>) {
  return <Page title="Draft"><p className="muted">Coming soon.</p></Page>;
}
