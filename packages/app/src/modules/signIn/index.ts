import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** The demo's sign-in page, in place of the app's default (guest only). */
const demoSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      import('./DemoSignInPage').then(module => module.DemoSignInPage),
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [demoSignInPage],
});
