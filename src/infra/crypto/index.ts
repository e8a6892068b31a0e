export {
  DEFAULT_KDF,
  hashPassword,
  passwordProblem,
  verifyNothing,
  verifyPassword,
  type KdfParams,
} from './password-hash'
export { demoPassword, digest, humanCode, normaliseCode, randomSecret } from './tokens'
