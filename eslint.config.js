import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Layers (see docs/architecture.md): each folder may import only downward.
 * Enforced here with no-restricted-imports patterns per folder.
 */
const NODE_BUILTIN_NAMES = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'events',
  'url',
  'stream',
  'util',
  'worker_threads',
]
const electron = {
  group: ['electron', 'electron/*'],
  message: 'Only src/main/electron and src/preload may import electron.',
}
const nodeBuiltins = {
  group: ['node:*'],
  message: 'This layer runs in a browser or must stay platform-free: no Node built-ins.',
}
const toMain = {
  group: ['**/main/**', '**/src/main/**'],
  message: 'Only the launchers may reach into src/main from here.',
}
const toRenderer = { group: ['**/renderer/**'], message: 'Nothing outside the renderer imports renderer code.' }
const toServer = {
  group: ['**/server', '**/server/**'],
  message: 'Only the launchers (src/main/launch) may start the embedded server.',
}
const toTransports = {
  group: ['socket.io-client', '@shared/contract/channels'],
  message: 'Views reach the core only through src/renderer/src/api.',
}
const toInfra = { group: ['@infra/*', '**/infra/**'], message: 'src/infra is Node-only (server and main core).' }
const toPreload = { group: ['**/preload/**'], message: 'Nothing imports the preload.' }
/** One adapter module owns MapLibre; the rest of the renderer sees its MapEngine (types for style data are fine). */
const toMapLibre = {
  group: ['maplibre-gl', 'maplibre-gl/*'],
  allowTypeImports: true,
  message: 'Only components/live-map/maplibre-adapter.ts imports MapLibre.',
}
/**
 * Renderer rooms (docs/architecture.md): a view folder (src/renderer/src/views/<name>) imports only
 * from api/, data/, components/, i18n/, lib/ and its own folder, never another view (nor app/ or styles/).
 * Any `../` that does not go on to `../<allowed room>` leaves the view for somewhere it may not go.
 */
const VIEW_MAY_IMPORT = ['api', 'data', 'components', 'i18n', 'lib']
const fromViewToOtherRooms = {
  regex: `^\\.\\./(?!\\.\\./(${VIEW_MAY_IMPORT.join('|')})(/|$))`,
  message:
    'A view imports only from api/, data/, components/, i18n/, lib/ and its own folder, never another view: move a shared piece to data/ or components/.',
}
/** The rooms below the views never reach up into a view or the app shell. */
const toViewsOrApp = {
  regex: '^(\\.\\./)+(views|app)(/|$)',
  message: 'api/, data/, components/ and lib/ sit below the views: they never import a view or app/.',
}

/** Bare built-in names are matched exactly (a pattern would also catch './events'). */
const restrict = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns,
      ...(patterns.includes(nodeBuiltins)
        ? { paths: NODE_BUILTIN_NAMES.map((name) => ({ name, message: nodeBuiltins.message })) }
        : {}),
    },
  ],
})

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'drizzle/**',
      'drizzle-server/**',
      'drizzle-server-pg/**',
      'test-results/**',
      'playwright-report/**',
      'resources/**',
      // Mutation testing's sandboxes and reports (npm run mutate).
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(electron, nodeBuiltins, toMain, toRenderer, toServer, toInfra, toPreload, {
      group: ['react', 'react-dom', 'socket.io', 'socket.io-client', 'sqlite3', 'drizzle-orm', 'drizzle-orm/*'],
      message: 'src/shared is platform-free: types, schemas and pure logic only.',
    }),
  },
  { files: ['src/infra/**/*.ts'], rules: restrict(electron, toMain, toRenderer, toServer, toPreload) },
  { files: ['src/server/**/*.ts'], rules: restrict(electron, toMain, toRenderer, toPreload) },
  {
    files: ['src/main/core/**/*.ts', 'src/main/host/**/*.ts'],
    rules: restrict(electron, toRenderer, toServer, toPreload, {
      group: ['**/electron/**', '../electron', '../electron/*'],
      message: 'The core never reaches into the shell.',
    }),
  },
  { files: ['src/main/launch/**/*.ts'], rules: restrict(electron, toRenderer, toPreload) },
  { files: ['src/main/electron/**/*.ts'], rules: restrict(toRenderer, toServer, toPreload) },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(nodeBuiltins, toMain, toRenderer, toServer, toInfra),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Fetching in an effect and storing the answer is what data hooks do.
      'react-hooks/set-state-in-effect': 'off',
      ...restrict(electron, nodeBuiltins, toMain, toServer, toInfra, toPreload, toMapLibre),
    },
  },
  {
    // Only the api folder may touch the transports.
    files: ['src/renderer/src/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/api/**'],
    rules: restrict(electron, nodeBuiltins, toMain, toServer, toInfra, toPreload, toTransports, toMapLibre),
  },
  {
    // A rule's options replace, not extend, earlier ones: repeat the renderer's restrictions.
    files: ['src/renderer/src/views/**/*.{ts,tsx}'],
    rules: restrict(
      electron,
      nodeBuiltins,
      toMain,
      toServer,
      toInfra,
      toPreload,
      toTransports,
      fromViewToOtherRooms,
      toMapLibre,
    ),
  },
  {
    files: ['src/renderer/src/{data,components,lib}/**/*.{ts,tsx}'],
    rules: restrict(
      electron,
      nodeBuiltins,
      toMain,
      toServer,
      toInfra,
      toPreload,
      toTransports,
      toViewsOrApp,
      toMapLibre,
    ),
  },
  {
    files: ['src/renderer/src/components/live-map/maplibre-adapter.ts'],
    rules: restrict(electron, nodeBuiltins, toMain, toServer, toInfra, toPreload, toTransports, toViewsOrApp),
  },
  {
    files: ['src/renderer/src/api/**/*.{ts,tsx}'],
    rules: restrict(electron, nodeBuiltins, toMain, toServer, toInfra, toPreload, toViewsOrApp, toMapLibre),
  },
)
