/** Placeholder until this page is built. */
import { Page } from '../components/ui.js';

export function CallAssistant(_props: Record<string, unknown>) {
  return <Page title="Call"><p className="muted">Coming soon.</p></Page>;
}
