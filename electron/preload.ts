/**
 * Preload (sandboxed): exposes `window.stockroom` and nothing else.
 * All logic is in bridge.ts; this file only wires Electron in.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('stockroom', createBridge(ipcRenderer, process.argv, process.platform));
