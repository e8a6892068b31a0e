import { stopClusterAfterAll } from './test-store'

// Setup file of the `postgres` vitest project: each test file's cluster is removed after it.
stopClusterAfterAll()
