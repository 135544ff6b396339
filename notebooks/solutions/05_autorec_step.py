# Worked solution 05_autorec_step, shown in notebook 05 by show_solution("05_autorec_step", globals()).
from helpers import autorec_train_step  # the course's step, which fit_autorec takes


def autorec_step(model, optimizer, batch, l2):
    mask = tf.cast(batch != 0, tf.float32)  # decision 1: only the observed ratings are targets
    with tf.GradientTape() as tape:  # decision 2: everything the gradient needs happens inside the tape
        output = model(batch, training=True)
        masked_error = tf.reduce_sum(mask * (output - batch) ** 2) / tf.reduce_sum(mask)  # 3: / observed count
        kernels = model.get_layer("encoder").kernel, model.get_layer("decoder").kernel
        loss = masked_error + l2 * sum(tf.reduce_sum(kernel**2) for kernel in kernels)  # 4: penalty in the tape
    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    return loss


print(check_exercise("autorec_step", autorec_step))
# One step from the trained weights on all the training films, by your step and by the course's:
yours, course = (build_autorec(n_users, HIDDEN, l2=L2, seed=SEED) for _ in range(2))
for model in (yours, course):
    model.set_weights(autorec.model.get_weights())
your_loss = float(autorec_step(yours, keras.optimizers.Adam(STEP), tf.constant(film_rows), L2))
course_loss = autorec_train_step(course, keras.optimizers.Adam(STEP), film_rows, l2=L2)
print(
    "the same loss and the same updated weights as autorec_train_step:",
    np.isclose(your_loss, course_loss, rtol=1e-5)
    and all(np.allclose(a, b, atol=1e-5) for a, b in zip(yours.get_weights(), course.get_weights())),
)
del yours, course
