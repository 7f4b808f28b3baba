import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import { readSloBackendConfig } from './config';

function read(slo: object) {
  return readSloBackendConfig(new ConfigReader({ slo }));
}

describe('readSloBackendConfig', () => {
  it('defaults the definition and registration limits to 1 MiB and reads no local files', () => {
    const config = readSloBackendConfig(new ConfigReader({}));
    expect(config.registration).toEqual({ maxBodyBytes: 1048576 });
    expect(config.definitions).toEqual({
      maxFileBytes: 1048576,
      localRoots: [],
    });
  });

  it('reads the limits and resolves local roots against the working directory', () => {
    const config = read({
      registration: { maxBodyBytes: 4096 },
      definitions: {
        maxFileBytes: 2048,
        localRoots: ['examples', '/srv/catalog'],
      },
    });
    expect(config.registration.maxBodyBytes).toBe(4096);
    expect(config.definitions).toEqual({
      maxFileBytes: 2048,
      localRoots: [path.resolve('examples'), '/srv/catalog'],
    });
  });

  it.each([
    [
      { registration: { maxBodyBytes: 10 } },
      'Invalid config slo.registration.maxBodyBytes: must be a number of at least 1024, got 10',
    ],
    [
      { definitions: { maxFileBytes: 0 } },
      'Invalid config slo.definitions.maxFileBytes: must be a number of at least 1024, got 0',
    ],
    [
      { definitions: { localRoots: ['examples', ' '] } },
      'Invalid config slo.definitions.localRoots[1]: must be a directory path, got an empty string',
    ],
  ])('refuses %j, naming the key', (slo, message) => {
    expect(() => read(slo)).toThrow(message);
  });

  it('refuses local roots that are not a list of strings, naming the key', () => {
    expect(() => read({ definitions: { localRoots: 'examples' } })).toThrow(
      /slo\.definitions\.localRoots/,
    );
  });
});
