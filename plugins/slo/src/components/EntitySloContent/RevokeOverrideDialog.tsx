import { FormEvent, useState } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  DialogTrigger,
  Flex,
  Text,
  TextAreaField,
} from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type { GateOverride } from '@slo-kit/plugin-slo-common';
import { sloGateApiRef } from '../../api/sloGateApiRef';
import { errorMessage } from '../shared/errorMessage';
import { OverrideDescription } from '../shared/OverrideDescription';
import { MIN_REASON_LENGTH, reasonProblem } from './overrideForm';

/**
 * The "Revoke" button of an active override and its dialog, which asks why
 * (checked before sending) and ends the override through the gate API.
 */
export function RevokeOverrideDialog(props: {
  override: GateOverride;
  onRevoked: (override: GateOverride) => void;
}) {
  const gateApi = useApi(sloGateApiRef);
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
    }
    setOpen(open);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (reasonProblem(reason) || sending) return;
    setSending(true);
    setFailure(undefined);
    try {
      const revoked = await gateApi.revokeGateOverride(props.override.id, {
        reason: reason.trim(),
      });
      setOpen(false);
      props.onRevoked(revoked);
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setSending(false);
    }
  };

  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={openChanged}>
      <Button variant="secondary" size="small" destructive>
        Revoke
      </Button>
      <Dialog width={520}>
        <form onSubmit={submit} noValidate style={{ display: 'contents' }}>
          <DialogHeader>Revoke the override</DialogHeader>
          <DialogBody>
            <Flex direction="column" gap="4">
              <Text as="p" variant="body-small">
                Allowed by override{' '}
                <OverrideDescription
                  override={props.override}
                  until="dateTime"
                />
                . Once revoked, the gate decides by the policy again.
              </Text>
              <TextAreaField
                label="Reason"
                secondaryLabel={`at least ${MIN_REASON_LENGTH} characters`}
                placeholder="e.g. hotfix deployed, budget policy applies again"
                value={reason}
                onChange={setReason}
                validationBehavior="aria"
                validate={value => (checked ? reasonProblem(value) : null)}
              />
              {failure ? (
                <div role="alert">
                  <Alert
                    status="danger"
                    icon
                    title="The override was not revoked"
                    description={errorMessage(failure)}
                  />
                </div>
              ) : null}
            </Flex>
          </DialogBody>
          <DialogFooter>
            <Button variant="secondary" slot="close">
              Cancel
            </Button>
            <Button
              variant="primary"
              destructive
              type="submit"
              isPending={sending}
            >
              Revoke override
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </DialogTrigger>
  );
}
