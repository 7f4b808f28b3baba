import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import {
  configApiRef,
  discoveryApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useRef, useState } from 'react';
import { DemoProxiedIdentity } from './DemoProxiedIdentity';
import {
  DEMO_IDENTITY_STORAGE_KEY,
  DemoIdentity,
  demoIdentities,
} from './demoIdentities';

type State =
  | { status: 'resuming' }
  | { status: 'choosing'; failure?: { identity: DemoIdentity; error: Error } }
  | { status: 'signing-in'; identity: DemoIdentity };

function rememberedIdentity(): DemoIdentity | undefined {
  const id = window.localStorage.getItem(DEMO_IDENTITY_STORAGE_KEY);
  return demoIdentities.find(identity => identity.id === id);
}

/** The backend's reason first: a ResponseError's own message only names the status. */
function describe(error: Error): string {
  const cause = (error as { cause?: { message?: unknown } }).cause;
  return typeof cause?.message === 'string' && cause.message
    ? `${error.message}: ${cause.message}`
    : error.message;
}

/**
 * The demo's sign-in page: the visitor plays the service owner (the guest,
 * Payments team) or the SRE owner (Sam Okafor). The choice is remembered in
 * the browser until sign-out, so a reload signs in again as the same person.
 */
export function DemoSignInPage({ onSignInSuccess }: SignInPageProps) {
  const discoveryApi = useApi(discoveryApiRef);
  const configApi = useApi(configApiRef);
  const [state, setState] = useState<State>(() =>
    rememberedIdentity() ? { status: 'resuming' } : { status: 'choosing' },
  );
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Signs in as `identity`; the outcome is dropped once `isCurrent` says the attempt is stale. */
  const signIn = useCallback(
    async (identity: DemoIdentity, isCurrent: () => boolean) => {
      try {
        const identityApi = await DemoProxiedIdentity.signIn({
          provider: identity.provider,
          discoveryApi,
          onSignOut: () =>
            window.localStorage.removeItem(DEMO_IDENTITY_STORAGE_KEY),
        });
        if (!isCurrent()) {
          return;
        }
        window.localStorage.setItem(DEMO_IDENTITY_STORAGE_KEY, identity.id);
        onSignInSuccess(identityApi);
      } catch (error) {
        if (!isCurrent()) {
          return;
        }
        window.localStorage.removeItem(DEMO_IDENTITY_STORAGE_KEY);
        setState({
          status: 'choosing',
          failure: { identity, error: error as Error },
        });
      }
    },
    [discoveryApi, onSignInSuccess],
  );

  // After a reload, sign in again as the remembered side.
  useEffect(() => {
    let current = true;
    const remembered = rememberedIdentity();
    if (remembered) {
      signIn(remembered, () => current);
    }
    return () => {
      current = false;
    };
    // Only on mount: later sign-ins are the visitor's clicks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (state.status === 'resuming') {
    return <Progress />;
  }

  const failure = state.status === 'choosing' ? state.failure : undefined;

  return (
    <Page themeId="home">
      <Header title={configApi.getString('app.title')} />
      <Content>
        <ContentHeader title="Sign in to the demo" />
        <Typography variant="body1" paragraph>
          Play either side: the team that owns a service, or the SRE who decides
          when its reliability is no longer acceptable. You can sign out from
          Settings and come back as the other.
        </Typography>
        <Grid container spacing={2} component="ul" style={{ padding: 0 }}>
          {demoIdentities.map(identity => (
            <Grid
              item
              xs={12}
              md={6}
              component="li"
              key={identity.id}
              style={{ listStyle: 'none' }}
            >
              <InfoCard
                variant="fullHeight"
                title={identity.title}
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    disabled={state.status === 'signing-in'}
                    onClick={() => {
                      setState({ status: 'signing-in', identity });
                      signIn(identity, () => mounted.current);
                    }}
                  >
                    {identity.action}
                  </Button>
                }
              >
                <Typography variant="body1">{identity.description}</Typography>
                {failure?.identity.id === identity.id && (
                  <Typography variant="body1" color="error" role="alert">
                    Could not sign in: {describe(failure.error)}
                  </Typography>
                )}
              </InfoCard>
            </Grid>
          ))}
        </Grid>
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 16 }}
        >
          Demo sign-in: nobody is asked for a password, so the backend allows it
          only in development.
        </Typography>
      </Content>
    </Page>
  );
}
