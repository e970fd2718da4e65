/* Plugin 1's own struct instance_data, defined in this file: another
   plugin's struct of the same name is another type. */
#include <pthread.h>
extern pthread_mutex_t shared_mu;
struct instance_data {
  pthread_mutex_t lock;
  int count;
};

void plugin1_write(struct instance_data *d) {
  pthread_mutex_lock(&d->lock);
  pthread_mutex_lock(&shared_mu);
  pthread_mutex_unlock(&shared_mu);
  pthread_mutex_unlock(&d->lock);
}
