// src/server/redis: signaling across processes: topics shared through Redis pub/sub.
export { RedisTopicBus } from './RedisTopicBus.ts'
export type { RedisTopicBusOptions } from './RedisTopicBus.ts'
export type { TopicBus, TopicBusEvents } from './TopicBus.ts'
