export {
  assertPrivateFile,
  ensurePrivateDir,
  ExposedSecretError,
  readPrivateFile,
  restrictFile,
  restrictStoreFiles,
  writePrivateFile,
} from './private-files'
