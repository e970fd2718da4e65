#include "locks.h"

pthread_mutex_t g_accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t g_ledger = PTHREAD_MUTEX_INITIALIZER;

void post(struct lock_ops *ops) {
  ops->lock(&g_accounts);
  ops->lock(&g_ledger);
  ops->unlock(&g_ledger);
  ops->unlock(&g_accounts);
}

void audit(void) {
  g_lock_ops.lock(&g_ledger);
  (*g_lock_ops.lock)(&g_accounts);
  g_lock_ops.unlock(&g_accounts);
  g_lock_ops.unlock(&g_ledger);
}

void relock(void) {
  g_lock_ops.lock(&g_accounts);
  g_lock_ops.lock(&g_accounts);
  g_lock_ops.unlock(&g_accounts);
}
