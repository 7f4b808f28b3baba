import { FormEvent, useState } from 'react';
import { reasonProblem } from './overrideForm';

/**
 * The state both override dialogs share: open or not, the reason (checked
 * only once the person tries to send), sending, and the refusal to show.
 * `onOpen` resets a dialog's own fields; `submitWith(send)` checks the
 * reason, sends it trimmed, closes on success and keeps the error otherwise.
 */
export function useReasonDialog(onOpen?: () => void) {
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<Error>();

  const openChanged = (open: boolean) => {
    if (open) {
      setReason('');
      setChecked(false);
      setFailure(undefined);
      onOpen?.();
    }
    setOpen(open);
  };

  const submitWith =
    (send: (reason: string) => Promise<void>) => async (event: FormEvent) => {
      event.preventDefault();
      setChecked(true);
      if (reasonProblem(reason) || sending) return;
      setSending(true);
      setFailure(undefined);
      try {
        await send(reason.trim());
        setOpen(false);
      } catch (error) {
        setFailure(error instanceof Error ? error : new Error(String(error)));
      } finally {
        setSending(false);
      }
    };

  return {
    isOpen,
    openChanged,
    reason,
    setReason,
    /** The reason's problem to show, once the person tried to send. */
    validateReason: (value: string) => (checked ? reasonProblem(value) : null),
    sending,
    failure,
    submitWith,
  };
}
