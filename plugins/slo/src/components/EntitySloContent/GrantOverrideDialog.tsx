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
  Radio,
  RadioGroup,
  Text,
  TextAreaField,
  TextField,
} from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type { GateOverride } from '@slo-kit/plugin-slo-common';
import { sloGateApiRef } from '../../api/sloGateApiRef';
import { errorMessage } from '../shared/errorMessage';
import {
  DEFAULT_OVERRIDE_DURATION,
  MIN_REASON_LENGTH,
  OVERRIDE_DURATIONS,
  reasonProblem,
} from './overrideForm';

/**
 * The "Override" button and its dialog: a reason (checked before sending),
 * how long, and optionally one environment. Grants through the gate API and
 * reports the new override; a refusal is shown in the backend's words.
 */
export function GrantOverrideDialog(props: {
  entityRef: string;
  /** The entity as people call it, e.g. "checkout-api". */
  entityTitle: string;
  onGranted: (override: GateOverride) => void;
}) {
  const gateApi = useApi(sloGateApiRef);
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [durationId, setDurationId] = useState(DEFAULT_OVERRIDE_DURATION);
  const [environment, setEnvironment] = useState('');
  const [checked, setChecked] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<Error>();

  const openChanged = (open: boolean) => {
    if (open) {
      setReason('');
      setDurationId(DEFAULT_OVERRIDE_DURATION);
      setEnvironment('');
      setChecked(false);
      setFailure(undefined);
    }
    setOpen(open);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (reasonProblem(reason) || sending) return;
    const duration =
      OVERRIDE_DURATIONS.find(d => d.id === durationId) ??
      OVERRIDE_DURATIONS.find(d => d.id === DEFAULT_OVERRIDE_DURATION)!;
    const env = environment.trim();
    setSending(true);
    setFailure(undefined);
    try {
      const granted = await gateApi.grantGateOverride({
        entityRef: props.entityRef,
        reason: reason.trim(),
        expiresAt: new Date(Date.now() + duration.ms).toISOString(),
        ...(env ? { environment: env } : {}),
      });
      setOpen(false);
      props.onGranted(granted);
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setSending(false);
    }
  };

  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={openChanged}>
      <Button variant="secondary" size="small">
        Override
      </Button>
      <Dialog width={520}>
        <form onSubmit={submit} noValidate style={{ display: 'contents' }}>
          <DialogHeader>Override the release gate</DialogHeader>
          <DialogBody>
            <Flex direction="column" gap="4">
              <Text as="p" variant="body-small">
                Lets every release of {props.entityTitle} through the gate, also
                while it blocks, until the override expires or is revoked. It is
                recorded with your name and reason, and the owners are told.
              </Text>
              <TextAreaField
                label="Reason"
                secondaryLabel={`at least ${MIN_REASON_LENGTH} characters`}
                placeholder="e.g. hotfix for INC-42, reviewed with the service owner"
                value={reason}
                onChange={setReason}
                validationBehavior="aria"
                validate={value => (checked ? reasonProblem(value) : null)}
              />
              <RadioGroup
                label="Expires in"
                orientation="horizontal"
                value={durationId}
                onChange={setDurationId}
              >
                {OVERRIDE_DURATIONS.map(duration => (
                  <Radio key={duration.id} value={duration.id}>
                    {duration.label}
                  </Radio>
                ))}
              </RadioGroup>
              <TextField
                label="Environment"
                secondaryLabel="optional"
                description="Only releases to this environment. Leave empty for every release: the decision shown in the portal counts only such overrides."
                value={environment}
                onChange={setEnvironment}
              />
              {failure ? (
                <div role="alert">
                  <Alert
                    status="danger"
                    icon
                    title="The override was not granted"
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
            <Button variant="primary" type="submit" isPending={sending}>
              Grant override
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </DialogTrigger>
  );
}
