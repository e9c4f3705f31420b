/**
 * Telling Kubernetes which worker pods are cheap to remove. A busy worker sets
 * {@code controller.kubernetes.io/pod-deletion-cost} on its own pod to its number of busy slots, so when a
 * Deployment scales down the ReplicaSet controller deletes idle pods first instead of interrupting running
 * jobs. The annotation follows the execution slots: changes are coalesced, at most one PATCH is in flight, and
 * the call goes straight to the API server with the pod's service-account token (no client library). It is
 * best effort: a failure is logged (once at WARN, then at DEBUG) and never reaches a job; the worst outcome is
 * a scale-down that picks a busy pod, whose jobs drain or are handed back as on any other SIGTERM. Off unless
 * {@code conveyor.worker.pod-deletion-cost.enabled}; the Helm chart turns it on and grants the right.
 */
package dev.conveyor.worker.kubernetes;
