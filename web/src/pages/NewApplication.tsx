/** Placeholder until this page is built. */
import { Page } from '../components/ui.js';

export function NewApplication(_props: Record<string, unknown>) {
  return <Page title="NewApplication"><p className="muted">Coming soon.</p></Page>;
}
