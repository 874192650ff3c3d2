export * from '../../shared/openstack/resources/operations';
