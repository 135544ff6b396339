# Worked solution 02_autoencoder_forward, shown in notebook 02 by show_solution("02_autoencoder_forward", globals()).
def autoencoder_forward(X, W_e, b_e, W_d, b_d):
    codes = np.tanh(X @ W_e + b_e)
    return 1 / (1 + np.exp(-(codes @ W_d + b_d)))


print(check_exercise("autoencoder_forward", autoencoder_forward))
trained = autoencoder_forward(X, *autoencoder.get_weights())
print(
    "on the trained weights it gives the snapshot of epoch 3000:",
    np.allclose(trained, snapshots.reconstructions[-1], atol=1e-5),
)
print("A Dense autoencoder is two matrix products, two bias vectors and two activations; Keras adds the training.")
