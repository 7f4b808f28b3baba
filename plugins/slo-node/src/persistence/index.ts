export * from './SloDefinitionStore';
export * from './SliDataStore';
export * from './SloStatusStore';
export * from './JobStateStore';
export * from './SloEventStore';
export * from './SloStores';
export * from './GateEvaluationStore';
export * from './SloNotificationStateStore';
