export {
  type CreateDemoBankOptions,
  createDemoBank,
  type DemoBank,
  demoBankClientId,
  demoBankPath,
} from './create-demo-bank.ts'
export { loadDemoBankClientSecret, type Sealer } from './load-demo-bank-secrets.ts'
