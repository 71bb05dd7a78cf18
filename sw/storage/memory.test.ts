import { MemoryStorage } from './memory';
import { describeStorage } from './storage-behaviour';

describeStorage('MemoryStorage', () => new MemoryStorage());
