export { answerConfirmation, type ConfirmationRequest, findConfirmationRequest } from './answer-confirmation.ts'
export { askedFields, checkAnswers, type FieldError, fieldErrorOf, readPath, withRecordOptions } from './answers.ts'
export {
  type ApplicationEvent,
  ApplicationRefused,
  type ApplicationStatus,
  type ApplicationView,
  decide,
  feeToPay,
  findApplication,
  findCase,
  giveInformation,
  ineligibility,
  listApplications,
  notifyCitizen,
  paymentReceived,
  questionOfRegistryValue,
  type RegistryWrite,
  readApplicantData,
  recordEvents,
  requestInformation,
  resumeApprovals,
  type ServicePorts,
  statusOf,
  submitApplication,
} from './applications.ts'
export {
  type AttachmentSummary,
  attachmentErrors,
  type CheckedFile,
  checkAttachment,
  cleanFileName,
  detectAttachmentType,
  discardAttachment,
  draftAttachmentDays,
  expireDraftAttachments,
  findAttachments,
  getAttachmentContent,
  listAttachments,
  storeAttachment,
  unusedAttachments,
} from './attachments.ts'
export {
  advanceBundle,
  advanceBundles,
  bundleOf,
  bundlePartProblems,
  bundleProgress,
  type PartProgress,
  type PartState,
} from './bundles.ts'
export {
  type CaseStages,
  caseStages,
  passStage,
  type StagePassed,
  stageActions,
  stagesOf,
} from './case-stages.ts'
export { definitionJsonSchema, loadCatalogue } from './catalogue.ts'
export { type CertificateContent, certificateContent } from './certificate-content.ts'
export {
  assertConfirmed,
  type ConfirmationState,
  type ConfirmationStatus,
  confirmationPath,
  confirmationsOf,
} from './confirmations.ts'
export {
  type AttachmentType,
  answersRead,
  attachmentTypes,
  type Confirmation,
  categories,
  checkDefinition,
  type DefinitionProblem,
  defaultMaxBytes,
  type Field,
  lifeEvents,
  type OfficeRole,
  officeRoles,
  type Page,
  parseDefinition,
  ServiceDefinition,
  type Stage,
  type Text3,
} from './definition.ts'
export { builderFieldTypes, DefinitionEdit, editDefinition, prefillSources } from './definition-edits.ts'
export { type RuleProblem, ruleProblems } from './edit-rules.ts'
export { type FeeDue, feeDue, itemsDue, itemsOf, type PayableItem } from './fee-due.ts'
export { type LiveCatalogue, type OpenLiveCatalogueOptions, openLiveCatalogue } from './live-catalogue.ts'
export {
  declineOffer,
  findOffer,
  loadProactiveRules,
  type ProactiveOffer,
  ProactiveRule,
  processRegistryEvents,
} from './proactive.ts'
export {
  type Comparison,
  type ComparisonOperator,
  type Comparisons,
  comparable,
  comparisonOperators,
  findComparisons,
  ruleOfComparisons,
} from './rule-comparisons.ts'
export { checkRule, holds, type RuleData } from './rules.ts'
export {
  type DecisionTimes,
  pageReached,
  rateApplication,
  ratingOf,
  type ServiceInsight,
  serviceInsight,
} from './service-insight.ts'
export {
  type Actor,
  approveVersion,
  createDraft,
  DefinitionRefused,
  publishProblems,
  retireService,
  rollBack,
  sendBack,
  submitForReview,
  updateDraft,
} from './service-lifecycle.ts'
export {
  catalogueRevision,
  findLiveVersion,
  findServiceVersion,
  getServiceVersion,
  listServiceVersions,
  publishedStates,
  type ServiceHistoryEntry,
  type ServiceVersion,
  type ServiceVersionState,
  seedServiceVersions,
  serviceHistory,
} from './service-versions.ts'
export { type WalkResult, walkService } from './walk-service.ts'
export { decidingRoles, lastStages, stagePredecessors, stageProblems } from './workflow-stages.ts'
