import { useState } from 'react';
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
} from './overrideForm';
import { useReasonDialog } from './useReasonDialog';

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
  const [durationId, setDurationId] = useState(DEFAULT_OVERRIDE_DURATION);
  const [environment, setEnvironment] = useState('');
  const form = useReasonDialog(() => {
    setDurationId(DEFAULT_OVERRIDE_DURATION);
    setEnvironment('');
  });

  const submit = form.submitWith(async reason => {
    const duration =
      OVERRIDE_DURATIONS.find(d => d.id === durationId) ??
      OVERRIDE_DURATIONS.find(d => d.id === DEFAULT_OVERRIDE_DURATION)!;
    const env = environment.trim();
    const granted = await gateApi.grantGateOverride({
      entityRef: props.entityRef,
      reason,
      expiresAt: new Date(Date.now() + duration.ms).toISOString(),
      ...(env ? { environment: env } : {}),
    });
    props.onGranted(granted);
  });

  return (
    <DialogTrigger isOpen={form.isOpen} onOpenChange={form.openChanged}>
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
                value={form.reason}
                onChange={form.setReason}
                validationBehavior="aria"
                validate={form.validateReason}
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
              {form.failure ? (
                <div role="alert">
                  <Alert
                    status="danger"
                    icon
                    title="The override was not granted"
                    description={errorMessage(form.failure)}
                  />
                </div>
              ) : null}
            </Flex>
          </DialogBody>
          <DialogFooter>
            <Button variant="secondary" slot="close">
              Cancel
            </Button>
            <Button variant="primary" type="submit" isPending={form.sending}>
              Grant override
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </DialogTrigger>
  );
}
