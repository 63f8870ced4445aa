export {
  type CreateDemoBankOptions,
  createDemoBank,
  type DemoBank,
  demoBankClientId,
  demoBankPath,
} from './create-demo-bank.ts'
export { loadDemoBankClientSecret } from './load-demo-bank-secrets.ts'
