/** "Add a person" to an application: a dialog over the person's fields; the server's message shows at its field. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, client, fieldText, ok } from '../api.js';
import { useSubmit } from '../data.js';
import { EMPTY_PERSON, PersonFields, personJson, type PersonDraft } from './PersonForm.js';

export function PersonDialog({ applicationId, onClose, onSaved }: { applicationId: string; onClose: () => void; onSaved: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [person, setPerson] = useState<PersonDraft>(EMPTY_PERSON);
  const { busy, error, run } = useSubmit();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    await run(async () => {
      await ok(client.api.applications[':id'].people.$post({ param: { id: applicationId }, json: { ...personJson(person), name: person.name.trim() } }));
      ref.current?.close();
      onSaved();
    });
  };
  // The API names `person.email` (records) or `email` (shape): both land at the email field.
  const named = error instanceof ApiError ? error.field?.replace(/^person\./, '') : undefined;
  const errorOf = (f: string): string | undefined => (named === f && error ? fieldText(error) : undefined);
  return (
    <dialog ref={ref} className="dialog person-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={`${id}-title`}>Add a person</h2>
        <PersonFields id={`${id}-p`} value={person} onChange={setPerson} errorOf={errorOf} />
        {error && !named && <p className="notice error" role="alert">{error.message}</p>}
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={() => ref.current?.close()}>Cancel</button>
          <button type="submit" className="button primary" disabled={busy}>Add person</button>
        </div>
      </form>
    </dialog>
  );
}
