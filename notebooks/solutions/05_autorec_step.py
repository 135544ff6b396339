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


def penalty_after_tape(model, optimizer, batch, l2):
    """The predict-first's variant: the penalty joins the loss after the `with` block."""
    mask = tf.cast(batch != 0, tf.float32)
    with tf.GradientTape() as tape:
        output = model(batch, training=True)
        loss = tf.reduce_sum(mask * (output - batch) ** 2) / tf.reduce_sum(mask)
    gradients = tape.gradient(loss, model.trainable_variables)
    kernels = model.get_layer("encoder").kernel, model.get_layer("decoder").kernel
    loss = loss + l2 * sum(tf.reduce_sum(kernel**2) for kernel in kernels)  # not on the tape
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


# One step from the trained weights on all the training films, by your step, the variant and the course's:
yours, late, course = (build_autorec(n_users, HIDDEN, l2=L2, seed=SEED) for _ in range(3))
for model in (yours, late, course):
    model.set_weights(autorec.model.get_weights())
your_loss = float(autorec_step(yours, keras.optimizers.Adam(STEP), tf.constant(film_rows), L2))
late_loss = float(penalty_after_tape(late, keras.optimizers.Adam(STEP), tf.constant(film_rows), L2))
course_loss = autorec_train_step(course, keras.optimizers.Adam(STEP), film_rows, l2=L2)


def same_weights(model):
    return all(np.allclose(a, b, atol=1e-5) for a, b in zip(model.get_weights(), course.get_weights()))


print(
    "your step: the same loss and the same updated weights as autorec_train_step:",
    np.isclose(your_loss, course_loss, rtol=1e-5) and same_weights(yours),
)
late_same_loss = bool(np.isclose(late_loss, course_loss, rtol=1e-5))
print(f"penalty after the tape: the same loss {late_same_loss}, the same updated weights {same_weights(late)}")
print(
    f"Added after the `with` block, the penalty leaves the returned loss {'the same' if late_same_loss else 'changed'} "
    f"and the weights {'the same' if same_weights(late) else 'different'}: the tape records only what happens "
    "inside it, so the gradient misses the penalty's pull of the kernels towards 0."
)
del yours, late, course
